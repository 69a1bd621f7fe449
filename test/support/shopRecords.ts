import { env } from 'cloudflare:test';
import { and, count, eq, like } from 'drizzle-orm';
import {
  freightTemplates,
  miniShopOrders,
  miniShopProducts,
  orderItems,
  orders,
  productGroupItems,
  products,
  skus,
} from '../../schema';
import { database } from '../../workers/records/db';

/** What D1 holds of one shop's migrated data, counted row by row. */
export const storedCounts = async (appid: string) => {
  const db = database(env.DB);
  const n = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;
  return {
    products: await n(
      db
        .select({ n: count() })
        .from(products)
        .where(like(products.id, `prd_${appid}_%`)),
    ),
    skus: await n(
      db
        .select({ n: count() })
        .from(skus)
        .where(like(skus.id, `sku_${appid}_%`)),
    ),
    orders: await n(
      db
        .select({ n: count() })
        .from(orders)
        .where(like(orders.id, `ord_${appid}_%`)),
    ),
    orderItems: await n(
      db
        .select({ n: count() })
        .from(orderItems)
        .where(like(orderItems.orderId, `ord_${appid}_%`)),
    ),
    miniShopProducts: await n(
      db.select({ n: count() }).from(miniShopProducts).where(eq(miniShopProducts.appid, appid)),
    ),
    miniShopOrders: await n(db.select({ n: count() }).from(miniShopOrders).where(eq(miniShopOrders.appid, appid))),
    templates: await n(db.select({ n: count() }).from(freightTemplates).where(eq(freightTemplates.appid, appid))),
    grouped: await n(
      db
        .select({ n: count() })
        .from(productGroupItems)
        .where(eq(productGroupItems.groupId, `grp_${appid}_migration`)),
    ),
  };
};

/** A migrated SKU's D1 row, by the Mini-Shop ids. */
export const storedSku = async (appid: string, sourceSkuId: string) =>
  database(env.DB).query.skus.findFirst({ where: eq(skus.id, `sku_${appid}_${sourceSkuId}`) });

/** A migrated order's D1 row with its Mini-Shop state, by the Mini-Shop id. */
export const storedOrder = async (appid: string, sourceOrderId: string) => {
  const db = database(env.DB);
  const id = `ord_${appid}_${sourceOrderId}`;
  const order = await db.query.orders.findFirst({ where: eq(orders.id, id), with: { items: true } });
  const miniShop = await db.query.miniShopOrders.findFirst({
    where: and(eq(miniShopOrders.appid, appid), eq(miniShopOrders.sourceOrderId, sourceOrderId)),
  });
  return order && miniShop ? { ...order, miniShop } : null;
};
