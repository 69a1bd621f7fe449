import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { productCategories, productImages, products, skus, syncEvents } from '../../../schema';
import type { SpecOption } from '../../../shared/api/productModel';
import type { NewProduct } from '../../../shared/api/products';
import type { SkuState } from '../../../shared/docs/sku';
import { clock } from '../../platform/clock';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { newId } from '../../records/ids';
import { searchTextOf } from '../rules/searchText';
import { skuNameOf, skuTitleOf } from '../rules/skuTitle';

/** A SKU as it is first written: its room's initial state and what only D1 keeps. */
export interface NewSkuRow {
  state: SkuState;
  name: string;
  options: string[];
  imageId: string | null;
  /** For sale whenever its product is listed (`state.listed` is what shoppers see now). */
  ownListed: boolean;
}

/** D1 binds at most 100 parameters per statement; a SKU row binds 13. */
const SKU_ROWS_PER_INSERT = 7;
/** Image and category lines bind 3 and 2 parameters. */
const LINES_PER_INSERT = 30;

/** The statements that write new SKU rows, in chunks D1 accepts. */
const skuInserts = (db: Database, rows: NewSkuRow[]) =>
  chunks(rows, SKU_ROWS_PER_INSERT).map((part) =>
    db.insert(skus).values(
      part.map(({ state: s, name, options, imageId, ownListed }) => ({
        id: s.skuId,
        productId: s.productId,
        title: s.title,
        name,
        options,
        imageId,
        price: s.price,
        stock: s.stock,
        listed: s.listed,
        ownListed,
        rev: s.rev,
        changedAt: s.changedAt,
        createdAt: s.changedAt,
      })),
    ),
  );

/** Adds SKUs (rev 1) to an existing product, with `alongside` in the same batch. */
export const insertSkus = async (db: Database, rows: NewSkuRow[], alongside: BatchItem<'sqlite'>[]): Promise<void> => {
  const [first, ...rest] = [...skuInserts(db, rows), ...alongside];
  if (first) await db.batch([first, ...rest]);
};

const imageInserts = (db: Database, productId: string, imageIds: string[]) =>
  chunks(
    imageIds.map((imageId, position) => ({ productId, position, imageId })),
    LINES_PER_INSERT,
  ).map((lines) => db.insert(productImages).values(lines));

const categoryInserts = (db: Database, productId: string, categoryIds: string[]) =>
  chunks(
    categoryIds.map((categoryId) => ({ productId, categoryId })),
    LINES_PER_INSERT,
  ).map((lines) => db.insert(productCategories).values(lines));

/** The statements that make `imageIds` the product's pictures, in order (the old ones go). */
export const replaceProductImages = (db: Database, productId: string, imageIds: string[]): BatchItem<'sqlite'>[] => [
  db.delete(productImages).where(eq(productImages.productId, productId)),
  ...imageInserts(db, productId, imageIds),
];

/** The statements that put the product in exactly `categoryIds`. */
export const replaceProductCategories = (
  db: Database,
  productId: string,
  categoryIds: string[],
): BatchItem<'sqlite'>[] => [
  db.delete(productCategories).where(eq(productCategories.productId, productId)),
  ...categoryInserts(db, productId, categoryIds),
];

/**
 * Where a new product comes from: made here, with fresh ids; or migrated from a Mini-Shop, with
 * ids derived from the source's (so a repeated import finds it) and the rows that record its
 * origin written in the same batch.
 */
export type ProductOrigin =
  | { source: 'mall' }
  | { source: 'minishop'; productId: string; skuIds: string[]; alongside: BatchItem<'sqlite'>[] };

/** A new product's content, its description already sanitized. */
export type ProductContent = NewProduct & { description?: string };

/** Creates a product with its content and SKUs (rev 1) in one D1 batch; returns the SKUs' initial state. */
export const insertProduct = async (
  db: Database,
  input: ProductContent,
  origin: ProductOrigin = { source: 'mall' },
): Promise<{ productId: string; skus: SkuState[] }> => {
  const now = clock.now();
  const productId = origin.source === 'mall' ? newId('prd') : origin.productId;
  const rows: NewSkuRow[] = input.skus.map((s, i) => {
    const name = skuNameOf(s);
    return {
      state: {
        skuId: origin.source === 'mall' ? newId('sku') : (origin.skuIds[i] ?? newId('sku')),
        productId,
        title: skuTitleOf(input.title, name),
        price: s.price,
        stock: s.stock,
        // A product not yet for sale has none of its SKUs for sale (`editProduct.ts` lists them with it).
        listed: (input.status ?? 'listed') === 'listed' && (s.listed ?? true),
        flash: null,
        sales: 0,
        rev: 1,
        changedAt: now,
      },
      name,
      options: s.options ?? [],
      imageId: s.imageId ?? null,
      ownListed: s.listed ?? true,
    };
  });
  await db.batch([
    db.insert(products).values({
      id: productId,
      title: input.title,
      searchTitle: searchTextOf(input.title),
      subtitle: input.subtitle ?? '',
      description: input.description ?? '',
      status: input.status ?? 'listed',
      sortWeight: input.sortWeight ?? 0,
      options: (input.options ?? []) satisfies SpecOption[],
      attributes: input.attributes ?? [],
      source: origin.source,
      createdAt: now,
      updatedAt: now,
    }),
    ...skuInserts(db, rows),
    ...imageInserts(db, productId, input.images ?? []),
    ...categoryInserts(db, productId, input.categoryIds ?? []),
    db.insert(syncEvents).values({
      at: now,
      kind: 'product.created',
      subject: `product:${productId}`,
      source: origin.source === 'mall' ? 'admin' : 'minishop',
      detail: { skus: rows.map((r) => r.state.skuId) },
    }),
    ...(origin.source === 'mall' ? [] : origin.alongside),
  ]);
  return { productId, skus: rows.map((r) => r.state) };
};

/** The statement renaming a product, for the batch that overwrites it. */
export const updateProductTitle = (db: Database, productId: string, title: string, now: number): BatchItem<'sqlite'> =>
  db
    .update(products)
    .set({ title, searchTitle: searchTextOf(title), updatedAt: now })
    .where(eq(products.id, productId));

/** The statement giving a product new spec options, for the batch that overwrites it. */
export const updateProductOptions = (db: Database, productId: string, options: SpecOption[]): BatchItem<'sqlite'> =>
  db.update(products).set({ options }).where(eq(products.id, productId));

/** The statement giving a SKU its own name, option values and picture anew (its title goes through its room). */
export const updateSkuSpec = (
  db: Database,
  skuId: string,
  spec: { name: string; options: string[]; imageId: string | null },
): BatchItem<'sqlite'> => db.update(skus).set(spec).where(eq(skus.id, skuId));

export const productExists = async (db: Database, productId: string): Promise<boolean> =>
  (await db.query.products.findFirst({ columns: { id: true }, where: eq(products.id, productId) })) !== undefined;
