import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns';
import { members } from './members';
import { orders } from './orders';

/**
 * Points and balance move only by appending rows; a member's totals are the sums. The two
 * ledgers share one shape and differ only in unit (points, or fen for balance).
 */
const ledgerTable = (name: 'points_ledger' | 'balance_ledger') =>
  sqliteTable(
    name,
    {
      id: integer('id').primaryKey({ autoIncrement: true }),
      memberId: text('member_id')
        .notNull()
        .references(() => members.id),
      delta: integer('delta').notNull(),
      reason: text('reason').notNull(),
      orderId: text('order_id').references(() => orders.id),
      /** Who moved it: `admin`, `system`, or `member:<id>` for the member's own actions. */
      operator: text('operator').notNull().default('system'),
      at: epochMs('at').notNull(),
    },
    (t) => [index(`${name}_member_idx`).on(t.memberId, t.at)],
  );

export const pointsLedger = ledgerTable('points_ledger');
export const balanceLedger = ledgerTable('balance_ledger');

export const pointsLedgerRelations = relations(pointsLedger, ({ one }) => ({
  member: one(members, { fields: [pointsLedger.memberId], references: [members.id] }),
}));

export const balanceLedgerRelations = relations(balanceLedger, ({ one }) => ({
  member: one(members, { fields: [balanceLedger.memberId], references: [members.id] }),
}));
