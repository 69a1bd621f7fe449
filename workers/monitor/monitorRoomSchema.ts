import type { SqlOutbox } from '../platform/sqlOutbox';
import type { SchemaStep } from '../platform/sqlSchema';
import type { NewSyncEvent } from './records/syncEventRecords';

/**
 * The MonitorRoom's own tables, version by version (the document store, the schedule and the
 * outbox keep theirs): what each room last reported (`feeds`) and each channel's latency window
 * in one row, rewritten once per report rather than a row per acknowledgement (`windows`). The
 * first version also drops `samples`, the row-per-acknowledgement table `windows` replaced.
 * Version 2 retires the room's first outbox, `log_outbox`, whose lines move to `log` in order.
 * Version 3 notes when each feed was last reported or confirmed (`feedChecks.ts`); feeds from
 * before count as never confirmed, so their rooms are asked at once.
 * Version 4 notes the members whose order outbox failed a flush (`waiting_orders`): the orders
 * consistency check asks those members, not every one.
 */
export const monitorRoomSchema = (log: SqlOutbox<NewSyncEvent>): SchemaStep[] => [
  (sql) => {
    sql.exec('CREATE TABLE IF NOT EXISTS feeds (room TEXT PRIMARY KEY, channels TEXT NOT NULL)');
    sql.exec('CREATE TABLE IF NOT EXISTS windows (channel TEXT PRIMARY KEY, samples TEXT NOT NULL)');
    sql.exec('DROP TABLE IF EXISTS samples');
  },
  (sql) => log.carryTable(sql, { table: 'log_outbox', column: 'event', order: 'id', queuedAt: (event) => event.at }),
  (sql) => {
    const columns = sql.exec<{ name: string }>('PRAGMA table_info(feeds)').toArray();
    if (!columns.some((c) => c.name === 'reported_at')) {
      sql.exec('ALTER TABLE feeds ADD COLUMN reported_at INTEGER NOT NULL DEFAULT 0');
    }
  },
  (sql) => sql.exec('CREATE TABLE IF NOT EXISTS waiting_orders (member_id TEXT PRIMARY KEY, since INTEGER NOT NULL)'),
];
