import type { SqlOutbox } from '../platform/sqlOutbox';
import type { SchemaStep } from '../platform/sqlSchema';
import type { NewSyncEvent } from './records/syncEventRecords';

/**
 * The MonitorRoom's own tables, version by version (the document store, the schedule and the
 * outbox keep theirs): what each room last reported (`feeds`) and each channel's latency window
 * in one row, rewritten once per report rather than a row per acknowledgement (`windows`). The
 * first version also drops `samples`, the row-per-acknowledgement table `windows` replaced.
 * Version 2 retires the room's first outbox, `log_outbox`, whose lines move to `log` in order.
 */
export const monitorRoomSchema = (log: SqlOutbox<NewSyncEvent>): SchemaStep[] => [
  (sql) => {
    sql.exec('CREATE TABLE IF NOT EXISTS feeds (room TEXT PRIMARY KEY, channels TEXT NOT NULL)');
    sql.exec('CREATE TABLE IF NOT EXISTS windows (channel TEXT PRIMARY KEY, samples TEXT NOT NULL)');
    sql.exec('DROP TABLE IF EXISTS samples');
  },
  (sql) => {
    const exists = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_outbox'").toArray();
    if (exists.length === 0) return;
    const rows = sql.exec<{ event: string }>('SELECT event FROM log_outbox ORDER BY id').toArray();
    log.carry(
      rows.map((row) => {
        const event = JSON.parse(row.event) as NewSyncEvent;
        return { item: event, queuedAt: event.at };
      }),
    );
    sql.exec('DROP TABLE log_outbox');
  },
];
