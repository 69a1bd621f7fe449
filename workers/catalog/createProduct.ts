import type { NewProduct } from '../../shared/api/products';
import type { Env } from '../env';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { checkReferences, imagesOfNewProduct } from './productReferences';
import { insertProduct, type ProductOrigin } from './records/productRecords';
import { sanitizeRichText } from './rules/richText';

/**
 * The one way a product comes to exist, whether an operator creates it or a Mini-Shop migration
 * brings it: its images and categories checked, its description sanitized, its records in D1,
 * then its SKUs on the catalog feed. Each SKU's room builds itself from the D1 record the first
 * time it is opened.
 */
export const createProduct = async (env: Env, input: NewProduct, origin?: ProductOrigin) => {
  const db = database(env.DB);
  await checkReferences(db, { images: imagesOfNewProduct(input), categoryIds: input.categoryIds });
  const description = input.description === undefined ? undefined : await sanitizeRichText(input.description);
  const created = await insertProduct(db, { ...input, description }, origin);
  await catalogRoomOf(env).upsert(created.skus);
  return created;
};
