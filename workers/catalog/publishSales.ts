import type { Env } from '../env';
import { database } from '../records/db';
import { recordShownSales } from './records/productEdits';
import { salesOfProducts } from './records/salesRecords';
import { productIdsOfSkus, skusOfProducts } from './records/skuRecords';
import { skuRoomOf } from './SkuRoom';

/**
 * Puts each product's sales figure, as shoppers see it, into the rooms of all its SKUs (and from
 * there into the catalog) and into its product row, where listings sort by it. Called wherever a figure moves: an order paid here, Mini-Shop orders
 * counted, the setting that adds them.
 */
export const publishSales = async (env: Env, productIds: string[]): Promise<void> => {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const db = database(env.DB);
  const sales = await salesOfProducts(db, ids);
  await recordShownSales(db, [...sales.values()]);
  for await (const rows of skusOfProducts(db, ids)) {
    await Promise.all(rows.map((row) => skuRoomOf(env, row.id).setSales(sales.get(row.productId)?.shownSales ?? 0)));
  }
};

/** The same, for the products of these SKUs. */
export const publishSalesOfSkus = async (env: Env, skuIds: string[]): Promise<void> => {
  await publishSales(env, await productIdsOfSkus(database(env.DB), [...new Set(skuIds)]));
};
