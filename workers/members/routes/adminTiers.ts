import { Hono } from 'hono';
import { tierSchema } from '../../../shared/api/members';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { defineTier, listTiers } from '../records/tierRecords';
import { docs } from './adminTiers.docs';

/**
 * Member tiers. Defining one (or changing its threshold) applies to each member at that member's
 * next points move.
 */
export const adminTierRoutes = new Hono<HubEnv>()
  .get('/', docs.list, async (c) => c.json({ tiers: await listTiers(database(c.env.DB)) }))
  .post('/', docs.define, validate('json', tierSchema), async (c) =>
    c.json(await defineTier(database(c.env.DB), c.req.valid('json'), clock.now()), 201),
  );
