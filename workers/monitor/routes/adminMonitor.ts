import { Hono } from 'hono';
import { monitorChecksQuerySchema, monitorLogQuerySchema } from '../../../shared/api/monitor';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { checkAndShow } from '../checkRun';
import { forceSync } from '../forceSync';
import { syncEventPage } from '../records/syncEventRecords';
import { docs } from './adminMonitor.docs';

/** The monitoring page's operations: checks on demand, the sync log, Force Sync. */
export const adminMonitorRoutes = new Hono<HubEnv>()
  .post('/checks', docs.checks, validate('query', monitorChecksQuerySchema), async (c) =>
    c.json(await checkAndShow(c.env, 'operator', c.req.valid('query').sweep)),
  )
  .get('/log', docs.log, validate('query', monitorLogQuerySchema), async (c) =>
    c.json(await syncEventPage(database(c.env.DB), c.req.valid('query'))),
  )
  .post('/force-sync', docs.forceSync, async (c) => c.json(await forceSync(c.env)));
