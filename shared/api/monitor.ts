import { z } from 'zod';

/** `GET /api/admin/monitor/log`: newest first, `limit` per page, `cursor` from the previous page. */
export const monitorLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.coerce.number().int().min(1).optional(),
});

export type MonitorLogQuery = z.infer<typeof monitorLogQuerySchema>;
