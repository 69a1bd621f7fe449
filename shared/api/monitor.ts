import { z } from 'zod';

/** `GET /api/admin/monitor/log`: newest first, `limit` per page, `cursor` from the previous page. */
export const monitorLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.coerce.number().int().min(1).optional(),
});

/** `POST /api/admin/monitor/checks`: what the checks read, what changed since the last check unless told `full`. */
export const monitorChecksQuerySchema = z.strictObject({
  sweep: z.enum(['changed', 'full']).default('changed'),
});

export type MonitorLogQuery = z.infer<typeof monitorLogQuerySchema>;
