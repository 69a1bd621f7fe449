import type { SqlOutbox } from '../platform/sqlOutbox';
import type { SchemaStep } from '../platform/sqlSchema';
import type { SkuChangeEvent } from './records/skuRecords';
import { createFlashPurchases } from './stock/flashPurchases';
import { createReservations } from './stock/reservations';

/**
 * A SkuRoom's own tables, version by version (the document store and the outbox keep theirs).
 * Version 2 retires the room's first outbox, `mirror_outbox` (rev, sku id, event), whose lines
 * move to `mirror` in the order they were made, still waiting for their flush.
 */
export const skuRoomSchema = (mirror: SqlOutbox<SkuChangeEvent>): SchemaStep[] => [
  (sql) => {
    createReservations(sql);
    createFlashPurchases(sql);
  },
  (sql) => {
    const exists = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mirror_outbox'").toArray();
    if (exists.length === 0) return;
    const rows = sql.exec<{ event: string }>('SELECT event FROM mirror_outbox ORDER BY rev').toArray();
    mirror.carry(
      rows.map((row) => {
        const event = JSON.parse(row.event) as SkuChangeEvent;
        return { item: event, queuedAt: event.at };
      }),
    );
    sql.exec('DROP TABLE mirror_outbox');
  },
];
