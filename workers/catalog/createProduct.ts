import type { NewProduct } from '../../shared/api/admin';
import { catalogEntryOf } from '../../shared/docs/sku';
import type { Env } from '../env';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { insertProduct, type ProductOrigin } from './records/productRecords';

/**
 * The one way a product comes to exist, whether an operator creates it or a Mini-Shop migration
 * brings it: its records in D1, then its SKUs on the catalog feed. Each SKU's room builds itself
 * from the D1 record the first time it is opened.
 */
export const createProduct = async (env: Env, input: NewProduct, origin?: ProductOrigin) => {
  const created = await insertProduct(database(env.DB), input, origin);
  await catalogRoomOf(env).upsert(created.skus.map((s) => ({ skuId: s.skuId, entry: catalogEntryOf(s) })));
  return created;
};
