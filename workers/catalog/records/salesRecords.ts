import { and, eq, inArray, sql } from 'drizzle-orm';
import { miniShopProducts, orderItems, orders, skus, thirdPartySales } from '../../../schema';
import { PAID } from '../../orders/rules/orderStates';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

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

/** Product ids bound per query, under D1's 100 parameters. */
const PRODUCTS_PER_QUERY = 90;

/** Units sold here per product: paid, shipped and completed mall orders. */
const mallSalesOf = async (db: Database, productIds: string[]) =>
  db
    .select({ productId: skus.productId, qty: sql<number>`coalesce(sum(${orderItems.qty}), 0)` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(skus, eq(skus.id, orderItems.skuId))
    .where(and(inArray(skus.productId, productIds), eq(orders.source, 'mall'), inArray(orders.status, [...PAID])))
    .groupBy(skus.productId);

/** Mini-Shop units per product, refunds left out, over every counted day. */
const thirdPartySalesOf = async (db: Database, productIds: string[]) =>
  db
    .select({ productId: thirdPartySales.productId, qty: sql<number>`coalesce(sum(${thirdPartySales.qty}), 0)` })
    .from(thirdPartySales)
    .where(inArray(thirdPartySales.productId, productIds))
    .groupBy(thirdPartySales.productId);

export interface ProductSales {
  productId: string;
  mallSales: number;
  thirdPartySales: number;
  addThirdPartySales: boolean;
  /** What shoppers see: the mall's own sales, plus the Mini-Shop's when the product says so. */
  shownSales: number;
}

/** Both sales figures and the setting of each product (those with no sales at all count 0). */
export const salesOfProducts = async (db: Database, productIds: string[]): Promise<Map<string, ProductSales>> => {
  const sales = new Map<string, ProductSales>();
  for (const ids of chunks(productIds, PRODUCTS_PER_QUERY)) {
    const [mall, third, settings] = await Promise.all([
      mallSalesOf(db, ids),
      thirdPartySalesOf(db, ids),
      db
        .select({ productId: miniShopProducts.productId, add: miniShopProducts.addThirdPartySales })
        .from(miniShopProducts)
        .where(inArray(miniShopProducts.productId, ids)),
    ]);
    const byId = <Row extends { productId: string }>(rows: Row[]) => new Map(rows.map((r) => [r.productId, r]));
    const [mallBy, thirdBy, settingBy] = [byId(mall), byId(third), byId(settings)];
    for (const productId of ids) {
      const mallSales = mallBy.get(productId)?.qty ?? 0;
      const thirdParty = thirdBy.get(productId)?.qty ?? 0;
      const add = settingBy.get(productId)?.add ?? false;
      sales.set(productId, {
        productId,
        mallSales,
        thirdPartySales: thirdParty,
        addThirdPartySales: add,
        shownSales: mallSales + (add ? thirdParty : 0),
      });
    }
  }
  return sales;
};

export const productSales = async (db: Database, productId: string): Promise<ProductSales> => {
  const sales = (await salesOfProducts(db, [productId])).get(productId);
  if (!sales) throw new Error(`no sales figures for ${productId}`);
  return sales;
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

/** Mini-Shop products whose shoppers see the Mini-Shop's sales added. */
export const productsShowingThirdPartySales = async (db: Database): Promise<string[]> =>
  (
    await db
      .select({ productId: miniShopProducts.productId })
      .from(miniShopProducts)
      .where(eq(miniShopProducts.addThirdPartySales, true))
  ).map((r) => r.productId);
