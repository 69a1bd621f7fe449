import { and, eq, inArray, lt } from 'drizzle-orm';
import { products, skus, syncEvents } from '../../../schema';
import type { ProductStatus } from '../../../shared/api/productModel';
import type { CatalogEntry, SkuState } from '../../../shared/docs/sku';
import { clock } from '../../platform/clock';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { runningFlashSales } from './flashSaleRecords';
import { productSales, salesOfProducts } from './salesRecords';

type SkuRow = typeof skus.$inferSelect;

const stateOf = (row: SkuRow, sales: number): SkuState => ({
  skuId: row.id,
  productId: row.productId,
  title: row.title,
  price: row.price,
  stock: row.stock,
  listed: row.listed,
  flash: null,
  sales,
  rev: row.rev,
  changedAt: row.changedAt,
});

/**
 * A SKU's state as D1 holds it. Without its flash sale: the FlashSaleClock puts a running sale in
 * the room as a change of its own, so the catalog hears of it too.
 */
export const findSku = async (db: Database, skuId: string): Promise<SkuState | null> => {
  const row = await db.query.skus.findFirst({ where: eq(skus.id, skuId) });
  if (!row) return null;
  return stateOf(row, (await productSales(db, row.productId)).shownSales);
};

/** Which of `skuIds` exist (at most 100 per call: D1's bound-parameter limit). */
export const existingSkuIds = async (db: Database, skuIds: string[]): Promise<Set<string>> => {
  const rows = await db.select({ id: skus.id }).from(skus).where(inArray(skus.id, skuIds));
  return new Set(rows.map((r) => r.id));
};

/**
 * The status of the product of each of `skuIds` (at most 100 per call), and whether the SKU was
 * removed from it; ids with no SKU are absent.
 */
export const productStatusOfSkus = async (
  db: Database,
  skuIds: string[],
): Promise<Map<string, { status: ProductStatus; removed: boolean }>> => {
  const rows = await db
    .select({ id: skus.id, status: products.status, removedAt: skus.removedAt })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.id, skuIds));
  return new Map(rows.map((r) => [r.id, { status: r.status, removed: r.removedAt !== null }]));
};

/** Keeps the operator's own listing of each SKU, what listing its product again restores. */
export const recordOwnListing = async (db: Database, listing: Array<{ skuId: string; listed: boolean }>) => {
  const [first, ...rest] = listing.map(({ skuId, listed }) =>
    db.update(skus).set({ ownListed: listed }).where(eq(skus.id, skuId)),
  );
  if (first) await db.batch([first, ...rest]);
};

export const skuIdsOfProduct = async (db: Database, productId: string): Promise<Set<string>> =>
  new Set((await db.select({ id: skus.id }).from(skus).where(eq(skus.productId, productId))).map((r) => r.id));

/** Product or SKU ids bound per query, under D1's 100 parameters. */
const OWNER_IDS_PER_QUERY = 90;

/** The SKUs of these products, one query's answer at a time, so a caller can act on each before the next is read. */
export async function* skusOfProducts(
  db: Database,
  productIds: string[],
): AsyncGenerator<Array<{ id: string; productId: string }>> {
  for (const part of chunks(productIds, OWNER_IDS_PER_QUERY)) {
    yield await db.select({ id: skus.id, productId: skus.productId }).from(skus).where(inArray(skus.productId, part));
  }
}

/** The product of each of these SKUs (one entry per SKU found). */
export const productIdsOfSkus = async (db: Database, skuIds: string[]): Promise<string[]> => {
  const productIds: string[] = [];
  for (const part of chunks(skuIds, OWNER_IDS_PER_QUERY)) {
    const rows = await db.select({ productId: skus.productId }).from(skus).where(inArray(skus.id, part));
    productIds.push(...rows.map((r) => r.productId));
  }
  return productIds;
};

export const catalogEntries = async (db: Database): Promise<Array<{ skuId: string; entry: CatalogEntry }>> => {
  const rows = await db
    .select({
      id: skus.id,
      productId: skus.productId,
      price: skus.price,
      stock: skus.stock,
      listed: skus.listed,
      rev: skus.rev,
    })
    .from(skus);
  const [flashes, sales] = await Promise.all([
    runningFlashSales(db, clock.now()),
    salesOfProducts(db, [...new Set(rows.map((r) => r.productId))]),
  ]);
  return rows.map(({ id, productId, ...r }) => ({
    skuId: id,
    entry: { ...r, flash: flashes.get(id) ?? null, sales: sales.get(productId)?.shownSales ?? 0 },
  }));
};

/** One change a SkuRoom made, as the sync log records it. */
export interface SkuChangeEvent {
  rev: number;
  at: number;
  source: 'admin' | 'shopper' | 'system';
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** A sync-log row binds 5 parameters; D1 allows 100 per statement. */
const EVENTS_PER_INSERT = 20;

/**
 * Mirrors a SkuRoom's state into D1 together with the sync-log lines of the changes that led to
 * it, in one batch. The `rev` guard makes a late or repeated write harmless: a row never moves
 * back to an older state.
 */
export const mirrorSku = async (db: Database, state: SkuState, events: SkuChangeEvent[]): Promise<void> => {
  const logRows = events.map((e) => ({
    at: e.at,
    kind: 'sku.changed',
    subject: `sku:${state.skuId}`,
    source: e.source,
    detail: { rev: e.rev, changes: e.changes },
  }));
  await db.batch([
    db
      .update(skus)
      .set({
        title: state.title,
        price: state.price,
        stock: state.stock,
        listed: state.listed,
        rev: state.rev,
        changedAt: state.changedAt,
      })
      .where(and(eq(skus.id, state.skuId), lt(skus.rev, state.rev))),
    ...chunks(logRows, EVENTS_PER_INSERT).map((rows) => db.insert(syncEvents).values(rows)),
  ]);
};

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 100;

/** Whether each of `skuIds` is listed; ids with no SKU are absent from the answer. */
export const skuListing = async (db: Database, skuIds: string[]): Promise<Map<string, boolean>> => {
  const listing = new Map<string, boolean>();
  for (const ids of chunks(skuIds, IDS_PER_QUERY)) {
    const rows = await db.select({ id: skus.id, listed: skus.listed }).from(skus).where(inArray(skus.id, ids));
    for (const row of rows) listing.set(row.id, row.listed);
  }
  return listing;
};
