import { notFound } from '../edge/errors';
import type { Database } from '../records/db';
import { existingCategoryIds } from './records/categoryRecords';
import { existingImageIds } from './records/imageRecords';

/** The images and categories an edit names, each with the field that names it. */
export interface ProductReferences {
  images?: Array<{ imageId: string; field: string }>;
  categoryIds?: string[];
}

/** A product may only show uploaded images and sit in existing categories: 404 naming the first field that does not. */
export const checkReferences = async (db: Database, refs: ProductReferences): Promise<void> => {
  const images = refs.images ?? [];
  const categoryIds = refs.categoryIds ?? [];
  const [knownImages, knownCategories] = await Promise.all([
    existingImageIds(db, [...new Set(images.map((i) => i.imageId))]),
    existingCategoryIds(db, categoryIds),
  ]);
  const missingImage = images.find((i) => !knownImages.has(i.imageId));
  if (missingImage) throw notFound(`image ${missingImage.imageId}`, missingImage.field);
  const missingCategory = categoryIds.findIndex((id) => !knownCategories.has(id));
  if (missingCategory >= 0)
    throw notFound(`category ${categoryIds[missingCategory]}`, `categoryIds.${missingCategory}`);
};

/** The images of a new product: its own pictures, then each SKU's. */
export const imagesOfNewProduct = (input: {
  images?: string[];
  skus: Array<{ imageId?: string }>;
}): NonNullable<ProductReferences['images']> => [
  ...(input.images ?? []).map((imageId, i) => ({ imageId, field: `images.${i}` })),
  ...input.skus.flatMap((s, i) => (s.imageId ? [{ imageId: s.imageId, field: `skus.${i}.imageId` }] : [])),
];
