import type { SqlOutbox } from '../platform/sqlOutbox';
import type { SchemaStep } from '../platform/sqlSchema';
import type { SkuChangeEvent } from './records/skuRecords';
import { createFlashPurchases } from './stock/flashPurchases';
import { addHoldChecks, createReservations } from './stock/reservations';

/**
 * A SkuRoom's own tables, version by version (the document store and the outbox keep theirs).
 * Version 2 retires the room's first outbox, `mirror_outbox` (rev, sku id, event), whose lines
 * move to `mirror` in the order they were made, still waiting for their flush. Version 3 gives
 * reservations their member and hold check.
 */
export const skuRoomSchema = (mirror: SqlOutbox<SkuChangeEvent>): SchemaStep[] => [
  (sql) => {
    createReservations(sql);
    createFlashPurchases(sql);
  },
  (sql) =>
    mirror.carryTable(sql, { table: 'mirror_outbox', column: 'event', order: 'rev', queuedAt: (event) => event.at }),
  addHoldChecks,
];
