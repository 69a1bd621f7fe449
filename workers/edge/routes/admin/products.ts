import { Hono } from 'hono';
import { newProductSchema } from '../../../../shared/api/admin';
import { catalogEntryOf } from '../../../../shared/docs/sku';
import { catalogRoomOf } from '../../../objects/CatalogRoom';
import { database } from '../../../records/db';
import { insertProduct } from '../../../records/productRecords';
import type { HubEnv } from '../../hubEnv';
import { validate } from '../../validation';

/** Products and their SKUs, created in D1 and announced on the catalog feed. */
export const adminProductRoutes = new Hono<HubEnv>().post('/', validate('json', newProductSchema), async (c) => {
  const created = await insertProduct(database(c.env.DB), c.req.valid('json'));
  await catalogRoomOf(c.env).upsert(created.skus.map((s) => ({ skuId: s.skuId, entry: catalogEntryOf(s) })));
  return c.json(created, 201);
});
