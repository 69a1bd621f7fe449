import { Hono } from 'hono';
import { newPickupPointSchema, pickupPointIdParam, pickupPointPatchSchema } from '../../../shared/api/checkout';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { newId } from '../../records/ids';
import {
  deletePickupPoint,
  insertPickupPoint,
  listPickupPoints,
  updatePickupPoint,
} from '../records/pickupPointRecords';
import { docs } from './pickupPoints.docs';

/** The pickup points shoppers choose from for a self-pickup order. */
export const pickupPointRoutes = new Hono<HubEnv>().get('/', docs.list, async (c) =>
  c.json({ pickupPoints: await listPickupPoints(database(c.env.DB)) }),
);

/** The operator's pickup points: listed, added, edited, removed (orders keep their snapshot). */
export const adminPickupPointRoutes = new Hono<HubEnv>()
  .get('/', docs.operatorList, async (c) => c.json({ pickupPoints: await listPickupPoints(database(c.env.DB)) }))
  .post('/', docs.add, validate('json', newPickupPointSchema), async (c) => {
    const point = await insertPickupPoint(database(c.env.DB), newId('pkp'), c.req.valid('json'), clock.now());
    return c.json(point, 201);
  })
  .patch(
    '/:pointId',
    docs.edit,
    validate('param', pickupPointIdParam),
    validate('json', pickupPointPatchSchema),
    async (c) => {
      const { pointId } = c.req.valid('param');
      const point = await updatePickupPoint(database(c.env.DB), pointId, c.req.valid('json'), clock.now());
      if (!point) throw notFound('pickup point', 'pointId');
      return c.json(point);
    },
  )
  .delete('/:pointId', docs.remove, validate('param', pickupPointIdParam), async (c) => {
    const { pointId } = c.req.valid('param');
    if (!(await deletePickupPoint(database(c.env.DB), pointId))) throw notFound('pickup point', 'pointId');
    return c.body(null, 204);
  });
