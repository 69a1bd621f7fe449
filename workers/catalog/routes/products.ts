import { Hono } from 'hono';
import { z } from 'zod';
import { productId, productListQuery } from '../../../shared/api/products';
import { notFound } from '../../edge/errors';
import { cachedJson, SHOPPER_CACHE } from '../../edge/httpCache';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { productExists } from '../records/productRecords';
import { productSales } from '../records/salesRecords';
import { shopperListing, shopperProduct } from '../shopperReads';
import { docs } from './products.docs';

const productParam = validate('param', z.object({ productId }));

/**
 * What storefronts read: listings, a product's page (`shopperReads.ts`), the sales figure shoppers
 * see (Mini-Shop sales added when the product says so).
 */
export const productRoutes = new Hono<HubEnv>()
  .get('/', docs.list, validate('query', productListQuery), async (c) =>
    cachedJson(c, await shopperListing(c.env, new URL(c.req.url).origin, c.req.valid('query')), SHOPPER_CACHE),
  )
  .get('/:productId', docs.read, productParam, async (c) => {
    const page = await shopperProduct(c.env, new URL(c.req.url).origin, c.req.valid('param').productId);
    if (!page) throw notFound('product', 'productId');
    return cachedJson(c, page, SHOPPER_CACHE);
  })
  .get('/:productId/sales', docs.sales, productParam, async (c) => {
    const { productId: id } = c.req.valid('param');
    const db = database(c.env.DB);
    if (!(await productExists(db, id))) {
      throw notFound('product', 'productId');
    }
    const { shownSales } = await productSales(db, id);
    return c.json({ productId: id, sales: shownSales });
  });
