import { Hono } from 'hono';
import { z } from 'zod';
import { skuId } from '../../../shared/api/admin';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { skuRoomOf } from '../SkuRoom';
import { docs } from './skus.docs';

export const skuParam = validate('param', z.object({ skuId }));

/** Public SKU reads: the live state from the SKU's own room. */
export const skuRoutes = new Hono<HubEnv>().get('/:skuId', docs.read, skuParam, async (c) => {
  const { skuId } = c.req.valid('param');
  const state = await skuRoomOf(c.env, skuId).current();
  if (!state) throw notFound('SKU', 'skuId');
  return c.json(state);
});
