import { and, eq, inArray, lt } from 'drizzle-orm';
import { skus, syncEvents } from '../../schema';
import type { CatalogEntry, SkuState } from '../../shared/docs/sku';
import type { Database } from './db';

type SkuRow = typeof skus.$inferSelect;

const stateOf = (row: SkuRow): SkuState => ({
  skuId: row.id,
  productId: row.productId,
  title: row.title,
  price: row.price,
  stock: row.stock,
  listed: row.listed,
  flash: null,
  rev: row.rev,
  changedAt: row.changedAt,
});

export const findSku = async (db: Database, skuId: string): Promise<SkuState | null> => {
  const row = await db.query.skus.findFirst({ where: eq(skus.id, skuId) });
  return row ? stateOf(row) : null;
};

/** Which of `skuIds` exist (at most 100 per call: D1's bound-parameter limit). */
export const existingSkuIds = async (db: Database, skuIds: string[]): Promise<Set<string>> => {
  const rows = await db.select({ id: skus.id }).from(skus).where(inArray(skus.id, skuIds));
  return new Set(rows.map((r) => r.id));
};

export const catalogEntries = async (db: Database): Promise<Array<{ skuId: string; entry: CatalogEntry }>> => {
  const rows = await db
    .select({ id: skus.id, price: skus.price, stock: skus.stock, listed: skus.listed, rev: skus.rev })
    .from(skus);
  return rows.map(({ id, ...r }) => ({ skuId: id, entry: { ...r, flash: null } }));
};

/**
 * Mirrors a SkuRoom's state into D1 with a sync-log line, in one batch. The `rev` guard makes a
 * late or repeated write harmless: a row never moves back to an older state.
 */
export const mirrorSku = async (db: Database, state: SkuState, event: Record<string, unknown>): Promise<void> => {
  await db.batch([
    db
      .update(skus)
      .set({ price: state.price, stock: state.stock, listed: state.listed, rev: state.rev, changedAt: state.changedAt })
      .where(and(eq(skus.id, state.skuId), lt(skus.rev, state.rev))),
    db.insert(syncEvents).values({
      at: state.changedAt,
      kind: 'sku.changed',
      subject: `sku:${state.skuId}`,
      source: 'admin',
      detail: { rev: state.rev, ...event },
    }),
  ]);
};
