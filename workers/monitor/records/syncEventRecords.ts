import { and, desc, eq, lt, or } from 'drizzle-orm';
import { syncEvents } from '../../../schema';
import type { MonitorLogQuery } from '../../../shared/api/monitor';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

export type SyncEvent = typeof syncEvents.$inferSelect;
export type NewSyncEvent = typeof syncEvents.$inferInsert;

/** How long the sync log keeps an event, and how many it keeps at most. */
export const LOG_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const LOG_MAX_ROWS = 10_000;

/** A row binds 5 parameters; D1 allows 100 per statement. */
const EVENTS_PER_INSERT = 20;

export const appendSyncEvents = async (db: Database, events: NewSyncEvent[]): Promise<void> => {
  const statements = chunks(events, EVENTS_PER_INSERT).map((rows) => db.insert(syncEvents).values(rows));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
};

/**
 * The events after the one `cursor` names, in the log's order: by when they happened, newest
 * first (outboxes deliver lines late, so insertion order is not time order), ties by id.
 */
const olderThan = async (db: Database, cursor: number) => {
  const [from] = await db.select({ at: syncEvents.at }).from(syncEvents).where(eq(syncEvents.id, cursor));
  if (!from) return lt(syncEvents.id, cursor);
  return or(lt(syncEvents.at, from.at), and(eq(syncEvents.at, from.at), lt(syncEvents.id, cursor)));
};

/** One page of the log, newest first; `nextCursor` is the id to pass back (null: no more). */
export const syncEventPage = async (
  db: Database,
  query: MonitorLogQuery,
): Promise<{ events: SyncEvent[]; nextCursor: number | null }> => {
  const page = await db.query.syncEvents.findMany({
    where: query.cursor === undefined ? undefined : await olderThan(db, query.cursor),
    orderBy: [desc(syncEvents.at), desc(syncEvents.id)],
    limit: query.limit + 1,
  });
  const more = page.length > query.limit;
  const events = more ? page.slice(0, query.limit) : page;
  return { events, nextCursor: more ? (events.at(-1)?.id ?? null) : null };
};

/** Drops events older than the retention period and all but the newest `LOG_MAX_ROWS`; returns how many. */
export const pruneSyncEvents = async (db: Database, now: number): Promise<number> => {
  const [cutoff] = await db
    .select({ id: syncEvents.id })
    .from(syncEvents)
    .orderBy(desc(syncEvents.id))
    .limit(1)
    .offset(LOG_MAX_ROWS - 1);
  const removed = await db
    .delete(syncEvents)
    .where(or(lt(syncEvents.at, now - LOG_RETENTION_MS), cutoff ? lt(syncEvents.id, cutoff.id) : undefined));
  return removed.meta.changes;
};
