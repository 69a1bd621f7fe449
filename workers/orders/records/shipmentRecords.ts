import { eq } from 'drizzle-orm';
import { miniShopOrders, orders } from '../../../schema';
import type { Database } from '../../records/db';

/** What shipping needs to know of an order: whose it is, its state, and its Mini-Shop origin. */
export interface ShippableOrder {
  id: string;
  memberId: string;
  status: (typeof orders.$inferSelect)['status'];
  source: 'mall' | 'minishop';
  miniShop: { appid: string; sourceOrderId: string; deliveryKind: 'express' | 'same_city' | 'pickup' } | null;
}

export const findShippableOrder = async (db: Database, orderId: string): Promise<ShippableOrder | null> => {
  const [row] = await db
    .select({
      id: orders.id,
      memberId: orders.memberId,
      status: orders.status,
      source: orders.source,
      appid: miniShopOrders.appid,
      sourceOrderId: miniShopOrders.sourceOrderId,
      deliveryKind: miniShopOrders.deliveryKind,
    })
    .from(orders)
    .leftJoin(miniShopOrders, eq(miniShopOrders.orderId, orders.id))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const { appid, sourceOrderId, deliveryKind, ...order } = row;
  return { ...order, miniShop: appid && sourceOrderId && deliveryKind ? { appid, sourceOrderId, deliveryKind } : null };
};
