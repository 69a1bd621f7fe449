import { Hono } from 'hono';
import { newProductSchema } from '../../../shared/api/admin';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { createProduct } from '../createProduct';

/** Products and their SKUs, created in D1 and announced on the catalog feed. */
export const adminProductRoutes = new Hono<HubEnv>().post('/', validate('json', newProductSchema), async (c) =>
  c.json(await createProduct(c.env, c.req.valid('json')), 201),
);
