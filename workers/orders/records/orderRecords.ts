import { and, asc, desc, eq } from 'drizzle-orm';
import { memberCoupons, orderItems, orderShipments, orders } from '../../../schema';
import type { Order } from '../../../shared/api/orderRecord';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { orderTransition } from './orderMoves';

export type OrderRow = typeof orders.$inferInsert;
export type OrderItemRow = Omit<typeof orderItems.$inferInsert, 'id' | 'orderId'>;
export type { Order } from '../../../shared/api/orderRecord';

/** How many orders the member's order list returns, newest first. */
const LISTED_ORDERS = 50;
/** An order line binds 5 parameters; D1 allows 100 per statement. */
const ITEMS_PER_INSERT = 20;

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

/** Writes an order, its lines and the lock on its coupon claim, all or nothing; answers the stored order. */
export const insertOrder = async (
  db: Database,
  order: OrderRow,
  items: OrderItemRow[],
  claimId: number | null,
): Promise<Order> => {
  const locks =
    claimId === null
      ? []
      : [
          db
            .update(memberCoupons)
            .set({ status: 'locked', orderId: order.id })
            .where(and(eq(memberCoupons.id, claimId), eq(memberCoupons.status, 'claimed'))),
        ];
  const lineInserts = chunks(items, ITEMS_PER_INSERT).map((rows) =>
    db
      .insert(orderItems)
      .values(rows.map((row) => ({ ...row, orderId: order.id })))
      .returning(),
  );
  const [stored, ...rest] = await db.batch([db.insert(orders).values(order).returning(), ...lineInserts, ...locks]);
  const lines = rest.slice(0, lineInserts.length) as Array<Array<typeof orderItems.$inferSelect>>;
  const [row] = stored as Array<typeof orders.$inferSelect>;
  if (!row) throw new Error(`order ${order.id} was not stored`);
  return { ...row, items: lines.flat(), shipments: [] };
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
