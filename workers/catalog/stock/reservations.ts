/**
 * A SKU's reservations, in its room's SQLite storage: one row per order, `held` until the order
 * is paid (`sold`) or cancelled / expired (`released`). The row outlives its release so a late
 * or repeated reserve of the same order cannot take stock again. A new row names the member who
 * placed the order and when to ask that member's room whether the order still holds it
 * (`holdChecks.ts`); `check_at` is cleared once it does.
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

/** Adds the member and the hold check to the table (rows from before have neither and are not checked). */
export const addHoldChecks = (sql: SqlStorage): void => {
  const columns = sql.exec<{ name: string }>('PRAGMA table_info(reservations)').toArray();
  if (!columns.some((c) => c.name === 'member_id')) sql.exec('ALTER TABLE reservations ADD COLUMN member_id TEXT');
  if (!columns.some((c) => c.name === 'check_at')) sql.exec('ALTER TABLE reservations ADD COLUMN check_at INTEGER');
};

export const reservationOf = (sql: SqlStorage, orderId: string): Reservation | null =>
  sql
    .exec<{ qty: number; state: ReservationState }>('SELECT qty, state FROM reservations WHERE order_id = ?', orderId)
    .toArray()[0] ?? null;

/** A new reservation, `held` for `orderId` of `memberId`, its hold to be checked at `checkAt`. */
export interface NewReservation {
  orderId: string;
  memberId: string;
  qty: number;
  expiresAt: number;
  checkAt: number;
}

export const recordReservation = (sql: SqlStorage, r: NewReservation): void => {
  sql.exec(
    "INSERT INTO reservations (order_id, member_id, qty, expires_at, check_at, state) VALUES (?, ?, ?, ?, ?, 'held')",
    r.orderId,
    r.memberId,
    r.qty,
    r.expiresAt,
    r.checkAt,
  );
};

/** Held reservations whose hold check is due. */
export const dueHoldChecks = (sql: SqlStorage, now: number): Array<{ orderId: string; memberId: string }> =>
  sql
    .exec<{ order_id: string; member_id: string }>(
      "SELECT order_id, member_id FROM reservations WHERE state = 'held' AND check_at <= ?",
      now,
    )
    .toArray()
    .map((row) => ({ orderId: row.order_id, memberId: row.member_id }));

/** The order was found holding its reservation: it stays until the order closes or is paid. */
export const holdConfirmed = (sql: SqlStorage, orderId: string): void => {
  sql.exec('UPDATE reservations SET check_at = NULL WHERE order_id = ?', orderId);
};

/** When the next hold check is due; null when none waits. */
export const nextHoldCheck = (sql: SqlStorage): number | null =>
  sql.exec<{ at: number | null }>("SELECT MIN(check_at) AS at FROM reservations WHERE state = 'held'").one().at;

export const settleReservation = (sql: SqlStorage, orderId: string, state: Exclude<ReservationState, 'held'>): void => {
  sql.exec('UPDATE reservations SET state = ? WHERE order_id = ?', state, orderId);
};
