import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { productExists } from '../records/productRecords';
import { productSales } from '../records/salesRecords';

/** Public product reads: the sales figure shoppers see (Mini-Shop sales added when the product says so). */
export const productRoutes = new Hono<HubEnv>().get(
  '/:productId/sales',
  validate('param', z.object({ productId: z.string().min(1).max(64) })),
  async (c) => {
    const { productId } = c.req.valid('param');
    const db = database(c.env.DB);
    if (!(await productExists(db, productId))) {
      throw notFound('product', 'productId');
    }
    const { shownSales } = await productSales(db, productId);
    return c.json({ productId, sales: shownSales });
  },
);
