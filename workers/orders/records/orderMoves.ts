import { and, eq, type SQL } from 'drizzle-orm';
import { orders } from '../../../schema';
import { type Refusal, refusal } from '../../platform/refusal';
import type { Database } from '../../records/db';
import { canMove, type MovableStatus, type NextStatus, wrongState } from '../rules/orderStates';

/**
 * The guarded update moving an order from `from` to `to` (for a D1 batch): it changes nothing
 * unless the order is still in `from` and `when` (if given) holds. `set` adds columns to write.
 * A move `orderStates.ts` does not allow is a fault of the caller, never written.
 */
export const orderTransition = <From extends MovableStatus>(
  db: Database,
  orderId: string,
  from: From,
  to: NextStatus<From>,
  now: number,
  extra: { set?: Partial<typeof orders.$inferInsert>; when?: SQL } = {},
) => {
  if (!canMove(from, to)) throw new Error(`an order cannot move from ${from} to ${to}`);
  return db
    .update(orders)
    .set({ ...extra.set, status: to, updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.status, from), extra.when));
};

/**
 * Moves an order from `from` to `to` now. A refusal naming the order's state when it is not in
 * `from` (404 when there is no such order); true when it moved.
 */
export const advanceOrder = async <From extends MovableStatus>(
  db: Database,
  orderId: string,
  from: From,
  to: NextStatus<From>,
  now: number,
): Promise<true | Refusal> => {
  const moved = await orderTransition(db, orderId, from, to, now).returning({ id: orders.id });
  if (moved.length > 0) return true;
  const order = await db.query.orders.findFirst({ columns: { status: true }, where: eq(orders.id, orderId) });
  if (!order) return refusal(404, 'not_found', 'no such order', 'orderId');
  return wrongState(order.status, `only a ${from} order can become ${to}`);
};
