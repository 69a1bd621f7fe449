import { Hono } from 'hono';
import type { HubEnv } from '../../edge/hubEnv';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { dashboardFigures } from '../records/dashboardFigures';
import { docs } from './adminDashboard.docs';

/** The back office's dashboard figures, read from D1 as of the hub's clock. */
export const adminDashboardRoutes = new Hono<HubEnv>().get('/', docs.read, async (c) =>
  c.json(await dashboardFigures(database(c.env.DB), clock.now())),
);
