import { and, eq, sql } from 'drizzle-orm';
import { miniShopOrders, orderShipments, orders } from '../../../schema';
import type { Database } from '../../records/db';
import { orderTransition } from './orderMoves';

/** What shipping needs to know of an order: whose it is, its state, and its Mini-Shop origin. */
export interface ShippableOrder {
  id: string;
  memberId: string;
  status: (typeof orders.$inferSelect)['status'];
  source: 'mall' | 'minishop';
  deliveryKind: (typeof orders.$inferSelect)['deliveryKind'];
  miniShop: { appid: string; sourceOrderId: string; deliveryKind: 'express' | 'same_city' | 'pickup' } | null;
}

export const findShippableOrder = async (db: Database, orderId: string): Promise<ShippableOrder | null> => {
  const [row] = await db
    .select({
      id: orders.id,
      memberId: orders.memberId,
      status: orders.status,
      source: orders.source,
      deliveryKind: orders.deliveryKind,
      appid: miniShopOrders.appid,
      sourceOrderId: miniShopOrders.sourceOrderId,
      miniShopDeliveryKind: miniShopOrders.deliveryKind,
    })
    .from(orders)
    .leftJoin(miniShopOrders, eq(miniShopOrders.orderId, orders.id))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const { appid, sourceOrderId, miniShopDeliveryKind, ...order } = row;
  return {
    ...order,
    miniShop:
      appid && sourceOrderId && miniShopDeliveryKind
        ? { appid, sourceOrderId, deliveryKind: miniShopDeliveryKind }
        : null,
  };
};

/**
 * Ships a paid mall order: its parcel is recorded and the order moves to shipped in one batch,
 * the parcel only while the order is still paid, so a second ship adds no second parcel.
 * Whether it moved.
 */
export const shipPaidOrder = async (
  db: Database,
  orderId: string,
  parcel: { carrier: string | null; waybill: string | null },
  now: number,
): Promise<boolean> => {
  const paid = and(eq(orders.id, orderId), eq(orders.status, 'paid'));
  const [, moved] = await db.batch([
    db.insert(orderShipments).select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          orderId: orders.id,
          carrier: sql<string | null>`${parcel.carrier}`.as('carrier'),
          waybill: sql<string | null>`${parcel.waybill}`.as('waybill'),
          shippedAt: sql<number>`${now}`.as('shipped_at'),
        })
        .from(orders)
        .where(paid),
    ),
    orderTransition(db, orderId, 'paid', 'shipped', now).returning({ id: orders.id }),
  ]);
  return moved.length > 0;
};
