import { Hono } from 'hono';
import { pageCursor } from '../../../shared/api/paging';
import { auditQuerySchema } from '../../../shared/api/staff';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { searchAuditEvents } from '../records/auditRecords';
import { docs } from './adminAudit.docs';

/** The audit log of staff writes and sessions, searchable. */
export const adminAuditRoutes = new Hono<HubEnv>().get(
  '/',
  docs.search,
  validate('query', auditQuerySchema),
  async (c) => {
    const { cursor, ...query } = c.req.valid('query');
    const { events, last } = await searchAuditEvents(database(c.env.DB), {
      ...query,
      cursor: cursor === undefined ? undefined : Number(cursor.id),
    });
    return c.json({ events, nextCursor: last ? pageCursor(last) : null });
  },
);
