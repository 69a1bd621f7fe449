import { and, eq, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { products, skus, syncEvents } from '../../../schema';
import type { SpecOption } from '../../../shared/api/productModel';
import type { ProductPatch } from '../../../shared/api/products';
import type { Database } from '../../records/db';
import { searchTextOf } from '../rules/searchText';
import { replaceProductCategories, replaceProductImages } from './productRecords';

const logLine = (db: Database, kind: string, subject: string, at: number, detail: Record<string, unknown>) =>
  db.insert(syncEvents).values({ at, kind, subject, source: 'admin', detail });

/** Writes an operator's edit of a product's content in one batch; the description is already sanitized. */
export const updateProductContent = async (
  db: Database,
  productId: string,
  patch: ProductPatch,
  now: number,
): Promise<void> => {
  const { images, categoryIds, ...fields } = patch;
  const statements: BatchItem<'sqlite'>[] = [
    db
      .update(products)
      .set({
        ...fields,
        ...(fields.title === undefined ? {} : { searchTitle: searchTextOf(fields.title) }),
        updatedAt: now,
      })
      .where(eq(products.id, productId)),
    ...(images === undefined ? [] : replaceProductImages(db, productId, images)),
    ...(categoryIds === undefined ? [] : replaceProductCategories(db, productId, categoryIds)),
    logLine(db, 'product.edited', `product:${productId}`, now, { fields: Object.keys(patch) }),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
};

/**
 * A SKU's own name, picture and own listing (its title and what shoppers see of its listing reach
 * D1 from the room's write-through).
 */
export const updateSkuContent = async (
  db: Database,
  skuId: string,
  content: { name?: string; imageId?: string | null; ownListed?: boolean; options?: string[] },
): Promise<void> => {
  if (Object.values(content).every((v) => v === undefined)) return;
  await db.update(skus).set(content).where(eq(skus.id, skuId));
};

/** A product's new spec options with the SKUs whose values or names change with them, in one batch. */
export const updateProductOptions = async (
  db: Database,
  productId: string,
  edit: { options: SpecOption[]; skus: Array<{ skuId: string; name: string; options: string[] }> },
  now: number,
): Promise<void> => {
  await db.batch([
    db.update(products).set({ options: edit.options, updatedAt: now }).where(eq(products.id, productId)),
    ...edit.skus.map((s) => db.update(skus).set({ name: s.name, options: s.options }).where(eq(skus.id, s.skuId))),
    logLine(db, 'product.options', `product:${productId}`, now, {
      options: edit.options.map((o) => o.name),
      skus: edit.skus.map((s) => s.skuId),
    }),
  ]);
};

/** Marks a SKU removed from its product; false when it already was or does not exist. */
export const markSkuRemoved = async (db: Database, skuId: string, now: number): Promise<boolean> => {
  const rows = await db
    .update(skus)
    .set({ removedAt: now })
    .where(and(eq(skus.id, skuId), isNull(skus.removedAt)))
    .returning({ id: skus.id });
  if (rows.length > 0) await logLine(db, 'sku.removed', `sku:${skuId}`, now, {});
  return rows.length > 0;
};

/** Keeps each product's shown sales figure where listings sort by it. */
export const recordShownSales = async (db: Database, sales: Array<{ productId: string; shownSales: number }>) => {
  const [first, ...rest] = sales.map((s) =>
    db.update(products).set({ sales: s.shownSales }).where(eq(products.id, s.productId)),
  );
  if (first) await db.batch([first, ...rest]);
};
