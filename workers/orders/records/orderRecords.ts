import { and, asc, desc, eq } from 'drizzle-orm';
import { memberCoupons, orderItems, orderShipments, orders } from '../../../schema';
import type { Order } from '../../../shared/api/orderRecord';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { orderTransition } from './orderMoves';

export type OrderRow = typeof orders.$inferInsert;
export type OrderItemRow = Omit<typeof orderItems.$inferSelect, 'id' | 'orderId'>;
export type { Order } from '../../../shared/api/orderRecord';

/** How many orders the member's order list returns, newest first. */
export const LISTED_ORDERS = 50;
/** An order row binds 18 parameters, a line 6; D1 allows 100 per statement. */
const ORDERS_PER_INSERT = 5;
const ITEMS_PER_INSERT = 16;

/** An order line's id: its order's id and its number in the order, from 1, so it is known before D1 stores it. */
export const orderLineId = (orderId: string, line: number): string => `${orderId}-${line}`;

/** The lines of order `orderId`, with their ids. */
export const orderLinesOf = (orderId: string, lines: OrderItemRow[]): Order['items'] =>
  lines.map((line, i) => ({ ...line, id: orderLineId(orderId, i + 1), orderId }));

/** An order's lines and its parcels, oldest first. */
const withItems = {
  items: true as const,
  shipments: { orderBy: [asc(orderShipments.shippedAt), asc(orderShipments.id)] },
};

/** An order's status, whoever's it is; null when no such order is stored. */
export const orderStatusOf = async (db: Database, orderId: string): Promise<Order['status'] | null> =>
  (await db.query.orders.findFirst({ columns: { status: true }, where: eq(orders.id, orderId) }))?.status ?? null;

/** Whether `orderId` is one of the member's orders. */
export const isMemberOrder = async (db: Database, memberId: string, orderId: string): Promise<boolean> =>
  (await db.query.orders.findFirst({
    columns: { id: true },
    where: and(eq(orders.id, orderId), eq(orders.memberId, memberId)),
  })) !== undefined;

export const findMemberOrder = async (db: Database, memberId: string, orderId: string): Promise<Order | null> =>
  (await db.query.orders.findFirst({
    where: and(eq(orders.id, orderId), eq(orders.memberId, memberId)),
    with: withItems,
  })) ?? null;

export const memberOrders = (db: Database, memberId: string): Promise<Order[]> =>
  db.query.orders.findMany({
    where: eq(orders.memberId, memberId),
    orderBy: desc(orders.createdAt),
    limit: LISTED_ORDERS,
    with: withItems,
  });

/** An order as its member's outbox carries it to D1: the order, and the coupon claim it locks (if any). */
export interface OrderWrite {
  order: Order;
  claimId: number | null;
}

/**
 * Writes orders, their lines and the locks on their coupon claims, all or nothing, several orders
 * and lines per statement. An order D1 already has is left as it is, so a batch sent again after
 * a crash between D1 and the outbox's delete changes nothing.
 */
export const writeOrders = async (db: Database, writes: OrderWrite[]): Promise<void> => {
  const rows = writes.map(({ order: { items: _, shipments: __, ...row } }) => row);
  const lines = writes.flatMap((w) => w.order.items);
  const [first, ...rest] = [
    ...chunks(rows, ORDERS_PER_INSERT).map((part) => db.insert(orders).values(part).onConflictDoNothing()),
    ...chunks(lines, ITEMS_PER_INSERT).map((part) => db.insert(orderItems).values(part).onConflictDoNothing()),
    ...writes.flatMap(({ order, claimId }) =>
      claimId === null
        ? []
        : [
            db
              .update(memberCoupons)
              .set({ status: 'locked', orderId: order.id })
              .where(and(eq(memberCoupons.id, claimId), eq(memberCoupons.status, 'claimed'))),
          ],
    ),
  ];
  if (first) await db.batch([first, ...rest]);
};

/** Closes an unpaid order (cancelled or expired) and hands its coupon back to the member. */
export const closeOrder = async (
  db: Database,
  orderId: string,
  status: 'cancelled' | 'expired',
  now: number,
): Promise<void> => {
  await db.batch([
    orderTransition(db, orderId, 'unpaid', status, now),
    db
      .update(memberCoupons)
      .set({ status: 'claimed', orderId: null })
      .where(and(eq(memberCoupons.orderId, orderId), eq(memberCoupons.status, 'locked'))),
  ]);
};

/** Any member's order with its lines and payments, for the back office. */
export const findOrderDetail = async (db: Database, orderId: string) =>
  (await db.query.orders.findFirst({
    where: eq(orders.id, orderId),
    with: { ...withItems, payments: { orderBy: (p, { asc }) => [asc(p.createdAt)] } },
  })) ?? null;
