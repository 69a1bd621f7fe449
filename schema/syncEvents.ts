import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns';

/**
 * What changed, where and from whom: the sync log the monitor shows and operators audit.
 * `subject` is the room or record affected (e.g. `sku:sku_123`).
 */
export const syncEvents = sqliteTable(
  'sync_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: epochMs('at').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    source: text('source', { enum: ['admin', 'shopper', 'minishop', 'system'] }).notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('sync_events_at_idx').on(t.at), index('sync_events_subject_idx').on(t.subject)],
);
