import { Hono } from 'hono';
import { skuBatchSchema, skuPatchSchema } from '../../../shared/api/admin';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { existingSkuIds } from '../records/skuRecords';
import { skuRoomOf } from '../SkuRoom';
import { docs } from './adminSkus.docs';
import { skuParam } from './skus';

/** Operator edits of price, stock and listing; each goes through the SKU's own room. */
export const adminSkuRoutes = new Hono<HubEnv>()
  .patch('/:skuId', docs.edit, skuParam, validate('json', skuPatchSchema), async (c) => {
    const { skuId } = c.req.valid('param');
    const state = await skuRoomOf(c.env, skuId).edit(c.req.valid('json'));
    if (!state) throw notFound('SKU', 'skuId');
    return c.json(state);
  })
  .post('/batch', docs.batch, validate('json', skuBatchSchema), async (c) => {
    const { edits } = c.req.valid('json');
    // All or nothing on unknown ids: check them before any room changes.
    const known = await existingSkuIds(
      database(c.env.DB),
      edits.map((e) => e.skuId),
    );
    const unknown = edits.findIndex((e) => !known.has(e.skuId));
    if (unknown >= 0) throw notFound(`SKU ${edits[unknown]?.skuId}`, `edits.${unknown}.skuId`);
    const skus = await Promise.all(edits.map(({ skuId, ...patch }) => skuRoomOf(c.env, skuId).edit(patch)));
    return c.json({ skus });
  })
  .get('/:skuId/sync', docs.sync, skuParam, async (c) => {
    const { skuId } = c.req.valid('param');
    const room = skuRoomOf(c.env, skuId);
    if (!(await room.current())) throw notFound('SKU', 'skuId');
    return c.json({ room: `sku:${skuId}`, channels: await room.latencyByChannel() });
  });
