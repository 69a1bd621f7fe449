import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { productImages, products, skus } from '../../../schema';
import type { Database } from '../../records/db';

export type ProductRow = typeof products.$inferSelect;

/** A SKU of a product as D1 keeps it (its live price, stock and listing are its room's). */
export interface ProductSkuRecord {
  skuId: string;
  name: string;
  title: string;
  options: string[];
  imageId: string | null;
  price: number;
  stock: number;
  listed: boolean;
  /** For sale whenever the product is listed: what listing the product again restores. */
  ownListed: boolean;
}

/** A product with its pictures (in order), categories and current SKUs (removed ones left out). */
export interface ProductRecord {
  product: ProductRow;
  imageIds: string[];
  categoryIds: string[];
  skus: ProductSkuRecord[];
}

export const findProductRecord = async (db: Database, productId: string): Promise<ProductRecord | null> => {
  const found = await db.query.products.findFirst({
    where: eq(products.id, productId),
    with: {
      images: { orderBy: asc(productImages.position) },
      categories: true,
      skus: { where: isNull(skus.removedAt), orderBy: asc(skus.createdAt) },
    },
  });
  if (!found) return null;
  const { images, categories, skus: skuRows, ...product } = found;
  return {
    product,
    imageIds: images.map((i) => i.imageId),
    categoryIds: categories.map((c) => c.categoryId),
    skus: skuRows.map((s) => ({
      skuId: s.id,
      name: s.name,
      title: s.title,
      options: s.options,
      imageId: s.imageId,
      price: s.price,
      stock: s.stock,
      listed: s.listed,
      ownListed: s.ownListed,
    })),
  };
};

/** The product a current (not removed) SKU belongs to; null when there is no such SKU. */
export const productOfSku = async (db: Database, skuId: string): Promise<string | null> => {
  const row = await db
    .select({ productId: skus.productId })
    .from(skus)
    .where(and(eq(skus.id, skuId), isNull(skus.removedAt)))
    .get();
  return row?.productId ?? null;
};

/** Main image of each product (position 0), for listings. */
export const mainImagesOf = async (db: Database, productIds: string[]): Promise<Map<string, string>> => {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({ productId: productImages.productId, imageId: productImages.imageId })
    .from(productImages)
    .where(and(inArray(productImages.productId, productIds), eq(productImages.position, 0)));
  return new Map(rows.map((r) => [r.productId, r.imageId]));
};

/** A sitemap holds at most 50,000 addresses (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/** Every product shoppers can open, and when it last changed, for the sitemap. */
export const listedProducts = (db: Database): Promise<Array<{ id: string; updatedAt: number }>> =>
  db
    .select({ id: products.id, updatedAt: products.updatedAt })
    .from(products)
    .where(eq(products.status, 'listed'))
    .orderBy(asc(products.id))
    .limit(SITEMAP_LIMIT);
