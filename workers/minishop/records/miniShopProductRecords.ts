import { and, count, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { miniShopProducts } from '../../../schema';
import type { Database } from '../../records/db';

/** Where a migrated product came from, its freight, and the run that last wrote it. */
export type MiniShopProductOrigin = typeof miniShopProducts.$inferInsert;

/** What a sync writes again on a product migrated before. */
export type MiniShopProductResync = Pick<
  MiniShopProductOrigin,
  'freight' | 'freightTemplateId' | 'lastRun' | 'syncedAt'
>;

/** The run that last wrote each of these Mini-Shop products, by Mini-Shop product id; absent: never migrated. */
export const lastRunsOfSourceProducts = async (
  db: Database,
  appid: string,
  sourceProductIds: string[],
): Promise<Map<string, string>> =>
  new Map(
    (
      await db
        .select({ sourceProductId: miniShopProducts.sourceProductId, lastRun: miniShopProducts.lastRun })
        .from(miniShopProducts)
        .where(and(eq(miniShopProducts.appid, appid), inArray(miniShopProducts.sourceProductId, sourceProductIds)))
    ).map((row) => [row.sourceProductId, row.lastRun]),
  );

/** The statement recording a migrated product's origin, for the batch that creates the product. */
export const insertProductOrigin = (db: Database, origin: MiniShopProductOrigin): BatchItem<'sqlite'> =>
  db.insert(miniShopProducts).values(origin);

/** The statement rewriting a migrated product's origin, for the batch that overwrites the product. */
export const updateProductOrigin = (
  db: Database,
  productId: string,
  resync: MiniShopProductResync,
): BatchItem<'sqlite'> => db.update(miniShopProducts).set(resync).where(eq(miniShopProducts.productId, productId));

/** How many of the shop's products the run wrote, counted in D1 so a repeated page counts once. */
export const countProductsOfRun = async (db: Database, appid: string, runId: string): Promise<number> => {
  const [row] = await db
    .select({ n: count() })
    .from(miniShopProducts)
    .where(and(eq(miniShopProducts.appid, appid), eq(miniShopProducts.lastRun, runId)));
  return row?.n ?? 0;
};
