import { Hono } from 'hono';
import { monitorLogQuerySchema } from '../../../../shared/api/monitor';
import { checkAndShow } from '../../../monitor/checkRun';
import { forceSync } from '../../../monitor/forceSync';
import { database } from '../../../records/db';
import { syncEventPage } from '../../../records/syncEventRecords';
import type { HubEnv } from '../../hubEnv';
import { validate } from '../../validation';

/** The monitoring page's operations: checks on demand, the sync log, Force Sync. */
export const adminMonitorRoutes = new Hono<HubEnv>()
  .post('/checks', async (c) => c.json(await checkAndShow(c.env, 'operator')))
  .get('/log', validate('query', monitorLogQuerySchema), async (c) =>
    c.json(await syncEventPage(database(c.env.DB), c.req.valid('query'))),
  )
  .post('/force-sync', async (c) => c.json(await forceSync(c.env)));
