import { and, eq, inArray } from 'drizzle-orm';
import { productImages, products, skus } from '../../../schema';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import type { ListedProduct } from '../rules/listingEntry';

/** What a listing feed reads of a product from D1: its title, main picture and every SKU it had. */
export interface ListingSource extends ListedProduct {
  productId: string;
  skuIds: string[];
}

/** Well under D1's 100 bound parameters per statement. */
const IDS_PER_QUERY = 90;

/** The listing sources of these products; ids with no product are left out. */
export const listingSources = async (db: Database, productIds: string[]): Promise<ListingSource[]> => {
  const sources: ListingSource[] = [];
  for (const part of chunks(productIds, IDS_PER_QUERY)) {
    const [rows, images, skuRows] = await Promise.all([
      db.select({ id: products.id, title: products.title }).from(products).where(inArray(products.id, part)),
      db
        .select({ productId: productImages.productId, imageId: productImages.imageId })
        .from(productImages)
        .where(and(inArray(productImages.productId, part), eq(productImages.position, 0))),
      db.select({ id: skus.id, productId: skus.productId }).from(skus).where(inArray(skus.productId, part)),
    ]);
    const image = new Map(images.map((i) => [i.productId, i.imageId]));
    for (const row of rows) {
      sources.push({
        productId: row.id,
        title: row.title,
        imageId: image.get(row.id) ?? null,
        skuIds: skuRows.filter((s) => s.productId === row.id).map((s) => s.id),
      });
    }
  }
  return sources;
};
