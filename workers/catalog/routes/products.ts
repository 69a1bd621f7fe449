import { Hono } from 'hono';
import { z } from 'zod';
import { productId, productListQuery } from '../../../shared/api/products';
import { notFound } from '../../edge/errors';
import { cachedJson, SHOPPER_CACHE } from '../../edge/httpCache';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { catalogRoomOf } from '../CatalogRoom';
import { listProducts } from '../productListings';
import { shopperProductView } from '../productViews';
import { findProductRecord } from '../records/productReads';
import { productExists } from '../records/productRecords';
import { productSales } from '../records/salesRecords';
import { docs } from './products.docs';

const productParam = validate('param', z.object({ productId }));

/**
 * What storefronts read: listings, a product's page, the sales figure shoppers see (Mini-Shop
 * sales added when the product says so). Draft and warehouse products are not there. A listing
 * and a product page each name the feed room that keeps what they show live (`listingFeed.ts`).
 */
export const productRoutes = new Hono<HubEnv>()
  .get('/', docs.list, validate('query', productListQuery), async (c) => {
    const { cursor, limit, sort, ...filter } = c.req.valid('query');
    const page = await listProducts(c.env, new URL(c.req.url).origin, {
      filter: { audience: 'shopper', ...filter },
      sort: sort ?? 'weight',
      cursor,
      limit,
    });
    const ids = page.products.map((p) => p.productId);
    const feed = ids.length === 0 ? null : await catalogRoomOf(c.env).listingFeed(ids, false);
    return cachedJson(c, { ...page, feed }, SHOPPER_CACHE);
  })
  .get('/:productId', docs.read, productParam, async (c) => {
    const record = await findProductRecord(database(c.env.DB), c.req.valid('param').productId);
    if (record?.product.status !== 'listed') throw notFound('product', 'productId');
    const [view, feed] = await Promise.all([
      shopperProductView(c.env, new URL(c.req.url).origin, record),
      catalogRoomOf(c.env).listingFeed([record.product.id], true),
    ]);
    return cachedJson(c, { ...view, feed }, SHOPPER_CACHE);
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
