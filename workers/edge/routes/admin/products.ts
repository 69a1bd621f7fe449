import { Hono } from 'hono';
import { newProductSchema } from '../../../../shared/api/admin';
import { createProduct } from '../../../catalog/createProduct';
import type { HubEnv } from '../../hubEnv';
import { validate } from '../../validation';

/** Products and their SKUs, created in D1 and announced on the catalog feed. */
export const adminProductRoutes = new Hono<HubEnv>().post('/', validate('json', newProductSchema), async (c) =>
  c.json(await createProduct(c.env, c.req.valid('json')), 201),
);
