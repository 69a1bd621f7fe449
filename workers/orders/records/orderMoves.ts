import { and, eq, type SQL } from 'drizzle-orm';
import { orders } from '../../../schema';
import type { OrderStatus } from '../../../shared/orders';
import { type Refusal, refusal } from '../../platform/refusal';
import type { Database } from '../../records/db';

/**
 * The order life cycle, the one place that says which moves are allowed: unpaid → paid →
 * shipped → completed, or an unpaid order is cancelled or expires.
 */
export const ORDER_TRANSITIONS = {
  unpaid: ['paid', 'cancelled', 'expired'],
  paid: ['shipped'],
  shipped: ['completed'],
} as const satisfies Partial<Record<OrderStatus, readonly OrderStatus[]>>;

type Transitions = typeof ORDER_TRANSITIONS;
export type MovableStatus = keyof Transitions;
export type NextStatus<From extends MovableStatus> = Transitions[From][number];
/** One allowed step, as plain data (it crosses Durable Object RPC). */
export type OrderMove = { [From in MovableStatus]: { from: From; to: NextStatus<From> } }[MovableStatus];

/** What an order in `status` answers when asked to move where it cannot: 409 naming the state. */
export const wrongState = (status: OrderStatus, wanted: string): Refusal =>
  refusal(409, `order_${status}`, `the order is ${status}; ${wanted}`);

/**
 * The guarded update moving an order from `from` to `to` (for a D1 batch): it changes nothing
 * unless the order is still in `from` and `when` (if given) holds. `set` adds columns to write.
 */
export const orderTransition = <From extends MovableStatus>(
  db: Database,
  orderId: string,
  from: From,
  to: NextStatus<From>,
  now: number,
  extra: { set?: Partial<typeof orders.$inferInsert>; when?: SQL } = {},
) =>
  db
    .update(orders)
    .set({ ...extra.set, status: to, updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.status, from), extra.when));

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
