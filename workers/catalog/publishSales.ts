import { inArray } from 'drizzle-orm';
import { skus } from '../../schema';
import type { Env } from '../env';
import { chunks } from '../records/chunks';
import { database } from '../records/db';
import { salesOfProducts } from './records/salesRecords';
import { skuRoomOf } from './SkuRoom';

/** Ids bound per query, under D1's 100 parameters. */
const IDS_PER_QUERY = 90;

/**
 * Puts each product's sales figure, as shoppers see it, into the rooms of all its SKUs (and from
 * there into the catalog). Called wherever a figure moves: an order paid here, Mini-Shop orders
 * counted, the setting that adds them.
 */
export const publishSales = async (env: Env, productIds: string[]): Promise<void> => {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const db = database(env.DB);
  const sales = await salesOfProducts(db, ids);
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    const rows = await db
      .select({ id: skus.id, productId: skus.productId })
      .from(skus)
      .where(inArray(skus.productId, part));
    await Promise.all(rows.map((row) => skuRoomOf(env, row.id).setSales(sales.get(row.productId)?.shownSales ?? 0)));
  }
};

/** The same, for the products of these SKUs. */
export const publishSalesOfSkus = async (env: Env, skuIds: string[]): Promise<void> => {
  const db = database(env.DB);
  const productIds: string[] = [];
  for (const part of chunks([...new Set(skuIds)], IDS_PER_QUERY)) {
    const rows = await db.select({ productId: skus.productId }).from(skus).where(inArray(skus.id, part));
    productIds.push(...rows.map((r) => r.productId));
  }
  await publishSales(env, productIds);
};
