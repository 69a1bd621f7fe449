import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { products, skus, syncEvents } from '../../../schema';
import type { NewProduct } from '../../../shared/api/admin';
import type { SkuState } from '../../../shared/docs/sku';
import { clock } from '../../platform/clock';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { newId } from '../../records/ids';

/** D1 binds at most 100 parameters per statement; a SKU row binds 9. */
const SKU_ROWS_PER_INSERT = 11;

/** The statements that write new SKU rows, in chunks D1 accepts. */
const skuInserts = (db: Database, states: SkuState[]) =>
  chunks(states, SKU_ROWS_PER_INSERT).map((rows) =>
    db.insert(skus).values(
      rows.map((s) => ({
        id: s.skuId,
        productId: s.productId,
        title: s.title,
        price: s.price,
        stock: s.stock,
        listed: s.listed,
        rev: s.rev,
        changedAt: s.changedAt,
        createdAt: s.changedAt,
      })),
    ),
  );

/** Adds SKUs (rev 1) to an existing product, with `alongside` in the same batch. */
export const insertSkus = async (db: Database, states: SkuState[], alongside: BatchItem<'sqlite'>[]): Promise<void> => {
  const [first, ...rest] = [...skuInserts(db, states), ...alongside];
  if (first) await db.batch([first, ...rest]);
};

/**
 * Where a new product comes from: made here, with fresh ids; or migrated from a Mini-Shop, with
 * ids derived from the source's (so a repeated import finds it) and the rows that record its
 * origin written in the same batch.
 */
export type ProductOrigin =
  | { source: 'mall' }
  | { source: 'minishop'; productId: string; skuIds: string[]; alongside: BatchItem<'sqlite'>[] };

/** Creates a product and its SKUs (rev 1) in one D1 batch; returns the SKUs' initial state. */
export const insertProduct = async (
  db: Database,
  input: NewProduct,
  origin: ProductOrigin = { source: 'mall' },
): Promise<{ productId: string; title: string; skus: SkuState[] }> => {
  const now = clock.now();
  const productId = origin.source === 'mall' ? newId('prd') : origin.productId;
  const created: SkuState[] = input.skus.map((s, i) => ({
    skuId: origin.source === 'mall' ? newId('sku') : (origin.skuIds[i] ?? newId('sku')),
    productId,
    title: s.title,
    price: s.price,
    stock: s.stock,
    listed: s.listed ?? true,
    flash: null,
    sales: 0,
    rev: 1,
    changedAt: now,
  }));
  await db.batch([
    db
      .insert(products)
      .values({ id: productId, title: input.title, source: origin.source, createdAt: now, updatedAt: now }),
    ...skuInserts(db, created),
    db.insert(syncEvents).values({
      at: now,
      kind: 'product.created',
      subject: `product:${productId}`,
      source: origin.source === 'mall' ? 'admin' : 'minishop',
      detail: { skus: created.map((s) => s.skuId) },
    }),
    ...(origin.source === 'mall' ? [] : origin.alongside),
  ]);
  return { productId, title: input.title, skus: created };
};

/** The statement renaming a product, for the batch that overwrites it. */
export const updateProductTitle = (db: Database, productId: string, title: string, now: number): BatchItem<'sqlite'> =>
  db.update(products).set({ title, updatedAt: now }).where(eq(products.id, productId));

export const productExists = async (db: Database, productId: string): Promise<boolean> =>
  (await db.query.products.findFirst({ columns: { id: true }, where: eq(products.id, productId) })) !== undefined;
