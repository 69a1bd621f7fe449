import { and, eq, inArray, sql } from 'drizzle-orm';
import { miniShopProducts, orderItems, orders, skus, thirdPartySales } from '../../schema';
import type { Database } from './db';

/**
 * Mini-Shop units sold per product and China day, refunded units left out, recomputed from the
 * synced orders for the days `dayCondition` selects.
 */
const recount = (db: Database, dayCondition: ReturnType<typeof sql>) =>
  db.run(sql`
    INSERT INTO third_party_sales (product_id, day, qty)
    SELECT s.product_id, mo.paid_day, SUM(oi.qty - ml.refunded)
    FROM minishop_orders mo
    JOIN order_items oi ON oi.order_id = mo.order_id
    JOIN minishop_order_lines ml ON ml.order_id = oi.order_id AND ml.sku_id = oi.sku_id
    JOIN skus s ON s.id = oi.sku_id
    WHERE mo.paid_day IS NOT NULL AND ${dayCondition}
    GROUP BY s.product_id, mo.paid_day
    ON CONFLICT (product_id, day) DO UPDATE SET qty = excluded.qty`);

/** Live counting: today's paid orders of these products, as they sync. */
export const recountDay = async (db: Database, day: string, productIds: string[]): Promise<void> => {
  if (productIds.length === 0) return;
  await recount(db, sql`mo.paid_day = ${day} AND s.product_id IN ${productIds}`);
};

/** The T+1 job: every day before `today`, refunds that happened since included. */
export const recountDaysBefore = async (db: Database, today: string): Promise<void> => {
  await recount(db, sql`mo.paid_day < ${today}`);
};

/** Units of the product sold here: paid, shipped and completed mall orders. */
const mallSales = async (db: Database, productId: string): Promise<number> => {
  const [row] = await db
    .select({ qty: sql<number>`coalesce(sum(${orderItems.qty}), 0)` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(skus, eq(skus.id, orderItems.skuId))
    .where(
      and(
        eq(skus.productId, productId),
        eq(orders.source, 'mall'),
        inArray(orders.status, ['paid', 'shipped', 'completed']),
      ),
    );
  return row?.qty ?? 0;
};

export interface ProductSales {
  productId: string;
  mallSales: number;
  thirdPartySales: number;
  addThirdPartySales: boolean;
  /** What shoppers see: the mall's own sales, plus the Mini-Shop's when the product says so. */
  shownSales: number;
}

export const productSales = async (db: Database, productId: string): Promise<ProductSales> => {
  const [mall, [third], setting] = await Promise.all([
    mallSales(db, productId),
    db
      .select({ qty: sql<number>`coalesce(sum(${thirdPartySales.qty}), 0)` })
      .from(thirdPartySales)
      .where(eq(thirdPartySales.productId, productId)),
    db.query.miniShopProducts.findFirst({ where: eq(miniShopProducts.productId, productId) }),
  ]);
  const thirdParty = third?.qty ?? 0;
  const add = setting?.addThirdPartySales ?? false;
  return {
    productId,
    mallSales: mall,
    thirdPartySales: thirdParty,
    addThirdPartySales: add,
    shownSales: mall + (add ? thirdParty : 0),
  };
};

/** Whether shoppers see the Mini-Shop's sales added; false when the product is not from a Mini-Shop. */
export const setAddThirdPartySales = async (db: Database, productId: string, add: boolean): Promise<boolean> => {
  const rows = await db
    .update(miniShopProducts)
    .set({ addThirdPartySales: add })
    .where(eq(miniShopProducts.productId, productId))
    .returning({ productId: miniShopProducts.productId });
  return rows.length > 0;
};
