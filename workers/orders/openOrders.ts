import { migrateSchema } from '../platform/sqlSchema';

/**
 * The member's orders that still hold stock, in the member room's storage: written before any
 * stock is reserved, removed once the order is closed. The expiry alarm is computed from here,
 * and a placement cut short by a failure is found and released here too.
 */
export interface OpenOrder {
  orderId: string;
  memberId: string;
  idempotencyKey: string;
  skuIds: string[];
  expiresAt: number;
}

type OpenOrderRow = {
  order_id: string;
  member_id: string;
  idempotency_key: string;
  sku_ids: string;
  expires_at: number;
};

const openOrderOf = (row: OpenOrderRow): OpenOrder => ({
  orderId: row.order_id,
  memberId: row.member_id,
  idempotencyKey: row.idempotency_key,
  skuIds: JSON.parse(row.sku_ids) as string[],
  expiresAt: row.expires_at,
});

/** The tables, by version (`sqlSchema.ts`); step 1 is what objects created before versioning already have. */
export const migrateOpenOrders = (storage: DurableObjectStorage): void =>
  migrateSchema(storage, 'open_orders', [
    (sql) => {
      sql.exec(`CREATE TABLE IF NOT EXISTS open_orders (
        order_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE,
        sku_ids TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
      // Every key that placed (or is placing) an order, kept after the order closes, so a new key
      // costs no D1 lookup and a replayed one is answered from the order it names.
      sql.exec('CREATE TABLE IF NOT EXISTS order_keys (idempotency_key TEXT PRIMARY KEY, order_id TEXT NOT NULL)');
    },
    // When a payment of the order began to be written (`finishPayment.ts`), until it is finished.
    (sql) => sql.exec('ALTER TABLE open_orders ADD COLUMN paying_since INTEGER'),
  ]);

/** The order an idempotency key was given, if this member ever used the key. */
export const orderIdByKey = (sql: SqlStorage, idempotencyKey: string): string | null =>
  sql
    .exec<{ order_id: string }>('SELECT order_id FROM order_keys WHERE idempotency_key = ?', idempotencyKey)
    .toArray()[0]?.order_id ?? null;

export const openOrderByKey = (sql: SqlStorage, idempotencyKey: string): OpenOrder | null => {
  const row = sql
    .exec<OpenOrderRow>('SELECT * FROM open_orders WHERE idempotency_key = ?', idempotencyKey)
    .toArray()[0];
  return row ? openOrderOf(row) : null;
};

export const openOrderById = (sql: SqlStorage, orderId: string): OpenOrder | null => {
  const row = sql.exec<OpenOrderRow>('SELECT * FROM open_orders WHERE order_id = ?', orderId).toArray()[0];
  return row ? openOrderOf(row) : null;
};

/** Notes an order about to reserve stock, and the key it answers to. */
export const recordOpenOrder = (sql: SqlStorage, order: OpenOrder): void => {
  sql.exec(
    'INSERT OR REPLACE INTO order_keys (idempotency_key, order_id) VALUES (?, ?)',
    order.idempotencyKey,
    order.orderId,
  );
  sql.exec(
    'INSERT INTO open_orders (order_id, member_id, idempotency_key, sku_ids, expires_at) VALUES (?, ?, ?, ?, ?)',
    order.orderId,
    order.memberId,
    order.idempotencyKey,
    JSON.stringify(order.skuIds),
    order.expiresAt,
  );
};

export const forgetOpenOrder = (sql: SqlStorage, orderId: string): void => {
  sql.exec('DELETE FROM open_orders WHERE order_id = ?', orderId);
};

/** Forgets an order that was refused before it was stored: its key may place an order afresh. */
export const forgetRefusedOrder = (sql: SqlStorage, order: OpenOrder): void => {
  forgetOpenOrder(sql, order.orderId);
  sql.exec('DELETE FROM order_keys WHERE idempotency_key = ?', order.idempotencyKey);
};

/** Notes that a payment of the open order is being written; forgetting the order clears it. */
export const notePaying = (sql: SqlStorage, orderId: string, since: number): void => {
  sql.exec('UPDATE open_orders SET paying_since = ? WHERE order_id = ?', since, orderId);
};

export const clearPaying = (sql: SqlStorage, orderId: string): void => {
  sql.exec('UPDATE open_orders SET paying_since = NULL WHERE order_id = ?', orderId);
};

/** The open orders a payment began to be written for. */
export const payingOpenOrders = (sql: SqlStorage): OpenOrder[] =>
  sql.exec<OpenOrderRow>('SELECT * FROM open_orders WHERE paying_since IS NOT NULL').toArray().map(openOrderOf);

export const dueOpenOrders = (sql: SqlStorage, now: number): OpenOrder[] =>
  sql.exec<OpenOrderRow>('SELECT * FROM open_orders WHERE expires_at <= ?', now).toArray().map(openOrderOf);

/** When the next open order expires; null when none is open. */
export const nextExpiry = (sql: SqlStorage): number | null =>
  sql.exec<{ at: number | null }>('SELECT MIN(expires_at) AS at FROM open_orders').one().at;
