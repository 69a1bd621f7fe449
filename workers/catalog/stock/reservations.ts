/**
 * A SKU's reservations, in its room's SQLite storage: one row per order, `held` until the order
 * is paid (`sold`) or cancelled / expired (`released`). The row outlives its release so a late
 * or repeated reserve of the same order cannot take stock again.
 */
type ReservationState = 'held' | 'sold' | 'released';

interface Reservation {
  qty: number;
  state: ReservationState;
}

/** One order line as a SKU room reserved it: the price and title it is charged at. */
export interface ReservedLine {
  skuId: string;
  title: string;
  price: number;
  qty: number;
}

export const createReservations = (sql: SqlStorage): void => {
  sql.exec(`CREATE TABLE IF NOT EXISTS reservations (
    order_id TEXT PRIMARY KEY, qty INTEGER NOT NULL, expires_at INTEGER NOT NULL, state TEXT NOT NULL)`);
};

export const reservationOf = (sql: SqlStorage, orderId: string): Reservation | null =>
  sql
    .exec<{ qty: number; state: ReservationState }>('SELECT qty, state FROM reservations WHERE order_id = ?', orderId)
    .toArray()[0] ?? null;

export const recordReservation = (sql: SqlStorage, orderId: string, qty: number, expiresAt: number): void => {
  sql.exec(
    "INSERT INTO reservations (order_id, qty, expires_at, state) VALUES (?, ?, ?, 'held')",
    orderId,
    qty,
    expiresAt,
  );
};

export const settleReservation = (sql: SqlStorage, orderId: string, state: Exclude<ReservationState, 'held'>): void => {
  sql.exec('UPDATE reservations SET state = ? WHERE order_id = ?', state, orderId);
};
