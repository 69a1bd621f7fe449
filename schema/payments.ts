import { relations, sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PAYMENT_METHODS } from '../shared/orders';
import { epochMs, fen } from './columns';
import { members } from './members';
import { orders } from './orders';

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'refused'] as const;

/**
 * Attempts to pay an order: from the member's balance (settled at once), or through the payment
 * provider (pending until its verified notification arrives). An order has at most one
 * succeeded payment; a notification that cannot pay its order leaves the payment `refused` with
 * the reason, and the provider refunds the money.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amount: fen('amount').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    /** The provider's id of the payment; null for balance payments. */
    providerRef: text('provider_ref'),
    /** Where the shopper completes a provider payment. */
    payUrl: text('pay_url'),
    /** Why a notification was refused (`order_expired`, `amount_mismatch`, …). */
    reason: text('reason'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    uniqueIndex('payments_succeeded_unique').on(t.orderId).where(sql`${t.status} = 'succeeded'`),
  ],
);

export const paymentsRelations = relations(payments, ({ one }) => ({
  order: one(orders, { fields: [payments.orderId], references: [orders.id] }),
  member: one(members, { fields: [payments.memberId], references: [members.id] }),
}));
