import { relations } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Channel } from '../shared/channels';
import { skus } from './catalog';
import { epochMs, fen } from './columns';

/**
 * A flash sale: `price` on its SKUs between `startsAt` and `endsAt`, for orders from `channels`.
 * The SKU rooms carry it live while it runs (the FlashSaleClock object starts and ends it); this
 * is the record the back office reads and a cold room rebuilds from.
 */
export const flashSales = sqliteTable('flash_sales', {
  id: text('id').primaryKey(),
  /** What operators call it; sales stored before names existed are called by the default. */
  name: text('name').notNull().default('Flash sale'),
  price: fen('price').notNull(),
  startsAt: epochMs('starts_at').notNull(),
  endsAt: epochMs('ends_at').notNull(),
  channels: text('channels', { mode: 'json' }).$type<Channel[]>().notNull(),
  /** Units one member may order per SKU at the flash price, across all channels; null: no limit. */
  perMemberLimit: integer('per_member_limit'),
  cancelledAt: epochMs('cancelled_at'),
  createdAt: epochMs('created_at').notNull(),
});

export const flashSaleSkus = sqliteTable(
  'flash_sale_skus',
  {
    saleId: text('sale_id')
      .notNull()
      .references(() => flashSales.id),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.skuId] }), index('flash_sale_skus_sku_idx').on(t.skuId)],
);

export const flashSalesRelations = relations(flashSales, ({ many }) => ({ skus: many(flashSaleSkus) }));

export const flashSaleSkusRelations = relations(flashSaleSkus, ({ one }) => ({
  sale: one(flashSales, { fields: [flashSaleSkus.saleId], references: [flashSales.id] }),
  sku: one(skus, { fields: [flashSaleSkus.skuId], references: [skus.id] }),
}));
