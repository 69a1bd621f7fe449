import { Hono } from 'hono';
import { skuBatchSchema, skuPatchSchema } from '../../../shared/api/admin';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import type { Env } from '../../env';
import { recordChange } from '../../staff/auditTrail';
import { skuRoomOf } from '../SkuRoom';
import { editSkus } from '../skuListing';
import { docs } from './adminSkus.docs';
import { skuParam } from './skus';

/** Each SKU's state as its room holds it, before an edit (null for one that does not exist). */
const skuStates = (env: Env, skuIds: string[]) => Promise.all(skuIds.map((id) => skuRoomOf(env, id).current()));

/** Operator edits of price, stock and listing; each goes through the SKU's own room, and each is audited. */
export const adminSkuRoutes = new Hono<HubEnv>()
  .patch('/:skuId', docs.edit, skuParam, validate('json', skuPatchSchema), async (c) => {
    const { skuId } = c.req.valid('param');
    const [before] = await skuStates(c.env, [skuId]);
    const [state] = await editSkus(c.env, [{ skuId, ...c.req.valid('json') }], (_, field) => field);
    recordChange(c, { entity: 'skus', id: skuId, before, after: state });
    return c.json(state);
  })
  .post('/batch', docs.batch, validate('json', skuBatchSchema), async (c) => {
    const { edits } = c.req.valid('json');
    const before = await skuStates(
      c.env,
      edits.map((edit) => edit.skuId),
    );
    const skus = await editSkus(c.env, edits, (i, field) => `edits.${i}.${field}`);
    skus.forEach((after, i) => {
      recordChange(c, { entity: 'skus', id: after.skuId, before: before[i], after });
    });
    return c.json({ skus });
  })
  .get('/:skuId/sync', docs.sync, skuParam, async (c) => {
    const { skuId } = c.req.valid('param');
    const room = skuRoomOf(c.env, skuId);
    if (!(await room.current())) throw notFound('SKU', 'skuId');
    return c.json({ room: `sku:${skuId}`, channels: await room.latencyByChannel() });
  });
