import { and, desc, eq, gt, inArray, isNull, lt, lte } from 'drizzle-orm';
import { flashSaleSkus, flashSales } from '../../../schema';
import type { FlashSale } from '../../../shared/docs/sku';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

type FlashSaleRow = typeof flashSales.$inferSelect;

/** A flash sale as the back office sees it. */
export type FlashSaleRecord = FlashSaleRow & {
  skuIds: string[];
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
};

/** How many sales the list returns, newest first. */
const LISTED_SALES = 100;
/** A sale line binds 2 parameters; D1 allows 100 per statement. */
const SKUS_PER_INSERT = 50;

const statusAt = (sale: FlashSaleRow, now: number): FlashSaleRecord['status'] => {
  if (sale.cancelledAt !== null) return 'cancelled';
  if (now < sale.startsAt) return 'scheduled';
  return now < sale.endsAt ? 'live' : 'ended';
};

const recordOf = (sale: FlashSaleRow & { skus: Array<{ skuId: string }> }, now: number): FlashSaleRecord => {
  const { skus, ...row } = sale;
  return { ...row, skuIds: skus.map((s) => s.skuId), status: statusAt(row, now) };
};

/** What a SKU room carries while the sale runs. */
export const flashOf = (sale: FlashSaleRow): FlashSale => ({
  saleId: sale.id,
  name: sale.name,
  price: sale.price,
  startsAt: sale.startsAt,
  endsAt: sale.endsAt,
  channels: sale.channels,
  perMemberLimit: sale.perMemberLimit,
});

/** Sale lines bound per overlap query, leaving room for its other parameters under D1's 100. */
const SKUS_PER_QUERY = 90;

/** The first of `skuIds` already in a sale (not cancelled) whose time overlaps [startsAt, endsAt). */
export const overlappingSale = async (
  db: Database,
  skuIds: string[],
  startsAt: number,
  endsAt: number,
): Promise<{ saleId: string; skuId: string } | null> => {
  for (const ids of chunks(skuIds, SKUS_PER_QUERY)) {
    const [row] = await db
      .select({ saleId: flashSaleSkus.saleId, skuId: flashSaleSkus.skuId })
      .from(flashSaleSkus)
      .innerJoin(flashSales, eq(flashSales.id, flashSaleSkus.saleId))
      .where(
        and(
          inArray(flashSaleSkus.skuId, ids),
          isNull(flashSales.cancelledAt),
          lt(flashSales.startsAt, endsAt),
          gt(flashSales.endsAt, startsAt),
        ),
      )
      .limit(1);
    if (row) return row;
  }
  return null;
};

export const insertFlashSale = async (db: Database, sale: FlashSaleRow, skuIds: string[]): Promise<void> => {
  await db.batch([
    db.insert(flashSales).values(sale),
    ...chunks(skuIds, SKUS_PER_INSERT).map((ids) =>
      db.insert(flashSaleSkus).values(ids.map((skuId) => ({ saleId: sale.id, skuId }))),
    ),
  ]);
};

export const findFlashSale = async (db: Database, saleId: string, now: number): Promise<FlashSaleRecord | null> => {
  const sale = await db.query.flashSales.findFirst({ where: eq(flashSales.id, saleId), with: { skus: true } });
  return sale ? recordOf(sale, now) : null;
};

export const listFlashSales = async (db: Database, now: number): Promise<FlashSaleRecord[]> =>
  (
    await db.query.flashSales.findMany({
      orderBy: desc(flashSales.createdAt),
      limit: LISTED_SALES,
      with: { skus: true },
    })
  ).map((sale) => recordOf(sale, now));

/** Gives a sale a new name; false when there is no such sale. */
export const renameFlashSale = async (db: Database, saleId: string, name: string): Promise<boolean> =>
  (await db.update(flashSales).set({ name }).where(eq(flashSales.id, saleId)).returning({ id: flashSales.id })).length >
  0;

/** Marks a sale cancelled; false when it already was. */
export const cancelFlashSale = async (db: Database, saleId: string, now: number): Promise<boolean> => {
  const changed = await db
    .update(flashSales)
    .set({ cancelledAt: now })
    .where(and(eq(flashSales.id, saleId), isNull(flashSales.cancelledAt)))
    .returning({ id: flashSales.id });
  return changed.length > 0;
};

/** The sale running at `now` on each SKU, for a catalog rebuilt from D1. */
export const runningFlashSales = async (db: Database, now: number): Promise<Map<string, FlashSale>> => {
  const rows = await db
    .select({ skuId: flashSaleSkus.skuId, sale: flashSales })
    .from(flashSaleSkus)
    .innerJoin(flashSales, eq(flashSales.id, flashSaleSkus.saleId))
    .where(and(isNull(flashSales.cancelledAt), lte(flashSales.startsAt, now), gt(flashSales.endsAt, now)));
  return new Map(rows.map((row) => [row.skuId, flashOf(row.sale)]));
};
