/**
 * Order lines a SKU room priced at a flash price, in its SQLite storage: the price each order
 * was given (a replayed reserve answers it again) and who ordered, so one member's limit holds
 * over every channel. Units count while their reservation is held or sold, not once released.
 */
export const createFlashPurchases = (sql: SqlStorage): void => {
  sql.exec(`CREATE TABLE IF NOT EXISTS flash_purchases (
    order_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, sale_id TEXT NOT NULL, price INTEGER NOT NULL)`);
  sql.exec('CREATE INDEX IF NOT EXISTS flash_purchases_member_idx ON flash_purchases (member_id, sale_id)');
};

export const recordFlashPurchase = (
  sql: SqlStorage,
  purchase: { orderId: string; memberId: string; saleId: string; price: number },
): void => {
  sql.exec(
    'INSERT INTO flash_purchases (order_id, member_id, sale_id, price) VALUES (?, ?, ?, ?)',
    purchase.orderId,
    purchase.memberId,
    purchase.saleId,
    purchase.price,
  );
};

/** The flash price `orderId` was given here; null when it pays the normal price. */
export const flashPriceOf = (sql: SqlStorage, orderId: string): number | null =>
  sql.exec<{ price: number }>('SELECT price FROM flash_purchases WHERE order_id = ?', orderId).toArray()[0]?.price ??
  null;

/** Units the member holds or bought in this sale here. */
export const flashUnitsOrdered = (sql: SqlStorage, memberId: string, saleId: string): number =>
  sql
    .exec<{ units: number }>(
      `SELECT COALESCE(SUM(r.qty), 0) AS units FROM flash_purchases f JOIN reservations r ON r.order_id = f.order_id
       WHERE f.member_id = ? AND f.sale_id = ? AND r.state != 'released'`,
      memberId,
      saleId,
    )
    .one().units;
