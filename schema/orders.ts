import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS } from '../shared/channels';
import { DELIVERY_KINDS, type PickupPointSnapshot, type PostalAddress } from '../shared/checkout';
import { ORDER_SOURCES, ORDER_STATUSES } from '../shared/orders';
import { skus } from './catalog';
import { epochMs, fen } from './columns';
import { members } from './members';
import { payments } from './payments';

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    source: text('source', { enum: ORDER_SOURCES }).notNull().default('mall'),
    /** Replays of the same create call return this order instead of making another. */
    idempotencyKey: text('idempotency_key'),
    /** How the order is delivered; null for orders placed before checkout data was kept. */
    deliveryKind: text('delivery_kind', { enum: DELIVERY_KINDS }),
    /** Snapshots taken when the order was placed: later edits of the book or the point change nothing here. */
    shippingAddress: text('shipping_address', { mode: 'json' }).$type<PostalAddress>(),
    pickupPoint: text('pickup_point', { mode: 'json' }).$type<PickupPointSnapshot>(),
    /** Goods plus freight. */
    total: fen('total').notNull(),
    freight: fen('freight').notNull().default(0),
    discount: fen('discount').notNull().default(0),
    payable: fen('payable').notNull(),
    couponId: integer('coupon_id'),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at'),
    paidAt: epochMs('paid_at'),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_idempotency_unique').on(t.memberId, t.idempotencyKey),
    index('orders_member_idx').on(t.memberId, t.createdAt),
    index('orders_status_idx').on(t.status),
    // The back office's list: every member's orders by created time, then id.
    index('orders_created_idx').on(t.createdAt, t.id),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    /** `<order id>-<line number>` (`orderLineId`): known before D1 stores the line, and unique with its order's id. */
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    title: text('title').notNull(),
    price: fen('price').notNull(),
    qty: integer('qty').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId)],
);

/** A parcel sent for an order: its carrier and waybill (a Mini-Shop order may have several). */
export const orderShipments = sqliteTable(
  'order_shipments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    carrier: text('carrier'),
    waybill: text('waybill'),
    shippedAt: epochMs('shipped_at').notNull(),
  },
  (t) => [index('order_shipments_order_idx').on(t.orderId)],
);

export const ordersRelations = relations(orders, ({ many, one }) => ({
  items: many(orderItems),
  shipments: many(orderShipments),
  payments: many(payments),
  member: one(members, { fields: [orders.memberId], references: [members.id] }),
}));

export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
  sku: one(skus, { fields: [orderItems.skuId], references: [skus.id] }),
}));

export const orderShipmentsRelations = relations(orderShipments, ({ one }) => ({
  order: one(orders, { fields: [orderShipments.orderId], references: [orders.id] }),
}));
