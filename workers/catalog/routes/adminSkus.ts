import { Hono } from 'hono';
import { skuBatchSchema, skuPatchSchema } from '../../../shared/api/admin';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { recordChange } from '../../staff/auditTrail';
import { skuRoomOf } from '../SkuRoom';
import { editSkus } from '../skuListing';
import { docs } from './adminSkus.docs';
import { skuParam } from './skus';

/** Operator edits of price, stock and listing; each goes through the SKU's own room, and each is audited. */
export const adminSkuRoutes = new Hono<HubEnv>()
  .patch('/:skuId', docs.edit, skuParam, validate('json', skuPatchSchema), async (c) => {
    const { skuId } = c.req.valid('param');
    const [edited] = await editSkus(c.env, [{ skuId, ...c.req.valid('json') }], (_, field) => field);
    if (!edited) throw notFound('SKU', 'skuId');
    recordChange(c, { entity: 'skus', id: skuId, ...edited });
    return c.json(edited.after);
  })
  .post('/batch', docs.batch, validate('json', skuBatchSchema), async (c) => {
    const { edits } = c.req.valid('json');
    const edited = await editSkus(c.env, edits, (i, field) => `edits.${i}.${field}`);
    for (const edit of edited) recordChange(c, { entity: 'skus', id: edit.after.skuId, ...edit });
    return c.json({ skus: edited.map((e) => e.after) });
  })
  .get('/:skuId/sync', docs.sync, skuParam, async (c) => {
    const { skuId } = c.req.valid('param');
    const room = skuRoomOf(c.env, skuId);
    if (!(await room.current())) throw notFound('SKU', 'skuId');
    return c.json({ room: `sku:${skuId}`, channels: await room.latencyByChannel() });
  });
