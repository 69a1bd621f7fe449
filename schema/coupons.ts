import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHANNELS, type Channel } from '../shared/channels';
import { epochMs, fen } from './columns';
import { members } from './members';
import { orders } from './orders';

export const coupons = sqliteTable('coupons', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  /** `amount`: `value` fen off; `percent`: `value` percent off. */
  kind: text('kind', { enum: ['amount', 'percent'] }).notNull(),
  value: integer('value').notNull(),
  minSpend: fen('min_spend').notNull().default(0),
  startsAt: epochMs('starts_at').notNull(),
  endsAt: epochMs('ends_at').notNull(),
  totalQuantity: integer('total_quantity').notNull(),
  claimedQuantity: integer('claimed_quantity').notNull().default(0),
  perMemberLimit: integer('per_member_limit').notNull().default(1),
  /** The channels a coupon may be claimed on and used on. */
  channels: text('channels', { mode: 'json' })
    .$type<Channel[]>()
    .notNull()
    .default([...CHANNELS]),
  /** Set when an operator disabled it: no more claims; coupons claimed before stay usable until `endsAt`. */
  disabledAt: epochMs('disabled_at'),
  createdAt: epochMs('created_at').notNull(),
});

/** A claimed coupon is usable on every channel of the coupon, whichever it was claimed on, and locked to at most one order at a time. */
export const memberCoupons = sqliteTable(
  'member_coupons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    couponId: integer('coupon_id')
      .notNull()
      .references(() => coupons.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status', { enum: ['claimed', 'locked', 'used', 'expired'] }).notNull(),
    orderId: text('order_id').references(() => orders.id),
    claimedChannel: text('claimed_channel', { enum: CHANNELS }).notNull(),
    claimedAt: epochMs('claimed_at').notNull(),
  },
  (t) => [index('member_coupons_member_idx').on(t.memberId, t.status)],
);

export const couponsRelations = relations(coupons, ({ many }) => ({ claims: many(memberCoupons) }));

export const memberCouponsRelations = relations(memberCoupons, ({ one }) => ({
  coupon: one(coupons, { fields: [memberCoupons.couponId], references: [coupons.id] }),
  member: one(members, { fields: [memberCoupons.memberId], references: [members.id] }),
}));
