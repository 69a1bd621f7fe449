import { relations } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { MiniShopSyncRules } from '../shared/api/minishop';
import type { FreightTemplateRules } from '../shared/checkout';
import { products, skus } from './catalog';
import { epochMs, fen } from './columns';
import { orders } from './orders';
import { categories } from './products';

/** What the last finished migration did. */
export interface MiniShopMigrationResult {
  runId: string;
  startedAt: number;
  finishedAt: number;
  products: number;
  orders: number;
}

/**
 * A bound (or formerly bound) WeChat Mini-Shop. The shop's ShopSync object is the single writer
 * of this row; its credentials live in that object's storage, never here.
 */
export const miniShops = sqliteTable('minishop_shops', {
  appid: text('appid').primaryKey(),
  name: text('name').notNull(),
  status: text('status', { enum: ['bound', 'unbound'] }).notNull(),
  rules: text('rules', { mode: 'json' }).$type<MiniShopSyncRules>().notNull(),
  autoSync: integer('auto_sync', { mode: 'boolean' }).notNull().default(true),
  /** Orders updated up to here are synced; the 5-minute sync asks for what changed since. */
  orderCursor: epochMs('order_cursor'),
  /** Freight templates are copied once, on the first migration. */
  templatesCopiedAt: epochMs('templates_copied_at'),
  /** The "Mini-Shop migration" group, once a migration created it. */
  groupId: text('group_id'),
  lastMigration: text('last_migration', { mode: 'json' }).$type<MiniShopMigrationResult>(),
  boundAt: epochMs('bound_at').notNull(),
  unboundAt: epochMs('unbound_at'),
});

/** Freight templates copied from a Mini-Shop, usable by any product here. */
export const freightTemplates = sqliteTable(
  'freight_templates',
  {
    id: text('id').primaryKey(),
    appid: text('appid').notNull(),
    sourceTemplateId: text('source_template_id').notNull(),
    name: text('name').notNull(),
    valuation: text('valuation', { enum: ['piece', 'weight'] }).notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull(),
    /** What the template charges; null for templates copied before their rules were. */
    rules: text('rules', { mode: 'json' }).$type<FreightTemplateRules>(),
    copiedAt: epochMs('copied_at').notNull(),
  },
  (t) => [uniqueIndex('freight_templates_source_unique').on(t.appid, t.sourceTemplateId)],
);

export const productGroups = sqliteTable('product_groups', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  createdAt: epochMs('created_at').notNull(),
});

export const productGroupItems = sqliteTable(
  'product_group_items',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => productGroups.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.productId] })],
);

/**
 * A product migrated from a Mini-Shop: where it came from, its freight, and whether shoppers see
 * the Mini-Shop's sales added to its own.
 */
export const miniShopProducts = sqliteTable(
  'minishop_products',
  {
    productId: text('product_id')
      .primaryKey()
      .references(() => products.id),
    appid: text('appid').notNull(),
    sourceProductId: text('source_product_id').notNull(),
    /** Unified freight in fen, or a copied freight template; exactly one is set. */
    freight: fen('freight'),
    freightTemplateId: text('freight_template_id').references(() => freightTemplates.id),
    addThirdPartySales: integer('add_third_party_sales', { mode: 'boolean' }).notNull().default(false),
    /** The migration or sync run that last wrote it, so a repeated page counts it once. */
    lastRun: text('last_run').notNull(),
    syncedAt: epochMs('synced_at').notNull(),
  },
  (t) => [uniqueIndex('minishop_products_source_unique').on(t.appid, t.sourceProductId)],
);

/** A Mini-Shop order synced here: its Mini-Shop state, which shipping checks and sales read. */
export const miniShopOrders = sqliteTable(
  'minishop_orders',
  {
    orderId: text('order_id')
      .primaryKey()
      .references(() => orders.id),
    appid: text('appid').notNull(),
    sourceOrderId: text('source_order_id').notNull(),
    sourceStatus: integer('source_status').notNull(),
    deliveryKind: text('delivery_kind', { enum: ['express', 'same_city', 'pickup'] }).notNull(),
    openAfterSales: integer('open_after_sales').notNull(),
    /** China-time date (YYYY-MM-DD) of payment; null when never paid. Sales are counted per day. */
    paidDay: text('paid_day'),
    lastRun: text('last_run').notNull(),
    syncedAt: epochMs('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('minishop_orders_source_unique').on(t.appid, t.sourceOrderId),
    index('minishop_orders_paid_day_idx').on(t.paidDay),
  ],
);

/** Per order line, the quantities in after-sale: refunded ones never count as sales. */
export const miniShopOrderLines = sqliteTable(
  'minishop_order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => miniShopOrders.orderId),
    skuId: text('sku_id')
      .notNull()
      .references(() => skus.id),
    refunded: integer('refunded').notNull(),
    inAfterSale: integer('in_after_sale').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.skuId] })],
);

/** Mini-Shop sales per product and China-time day: today's live, earlier days by the T+1 job. */
export const thirdPartySales = sqliteTable(
  'third_party_sales',
  {
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    day: text('day').notNull(),
    qty: integer('qty').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.day] })],
);

export const miniShopProductsRelations = relations(miniShopProducts, ({ one }) => ({
  product: one(products, { fields: [miniShopProducts.productId], references: [products.id] }),
  freightTemplate: one(freightTemplates, {
    fields: [miniShopProducts.freightTemplateId],
    references: [freightTemplates.id],
  }),
}));

export const miniShopOrdersRelations = relations(miniShopOrders, ({ one, many }) => ({
  order: one(orders, { fields: [miniShopOrders.orderId], references: [orders.id] }),
  lines: many(miniShopOrderLines),
}));

export const miniShopOrderLinesRelations = relations(miniShopOrderLines, ({ one }) => ({
  order: one(miniShopOrders, { fields: [miniShopOrderLines.orderId], references: [miniShopOrders.orderId] }),
}));

export const productGroupItemsRelations = relations(productGroupItems, ({ one }) => ({
  group: one(productGroups, { fields: [productGroupItems.groupId], references: [productGroups.id] }),
  product: one(products, { fields: [productGroupItems.productId], references: [products.id] }),
}));

/**
 * Which category here a Mini-Shop platform category became, so a repeated migration finds it
 * instead of adding another. Platform category ids are the same in every shop.
 */
export const miniShopCategories = sqliteTable('minishop_categories', {
  sourceCategoryId: text('source_category_id').primaryKey(),
  categoryId: text('category_id')
    .notNull()
    .references(() => categories.id, { onDelete: 'cascade' }),
  /**
   * The Mini-Shop's name the migration last gave the category; a category whose name here
   * differs was renamed by an operator and keeps that name. Null: never named by a migration.
   */
  givenName: text('given_name'),
});

export const miniShopCategoriesRelations = relations(miniShopCategories, ({ one }) => ({
  category: one(categories, { fields: [miniShopCategories.categoryId], references: [categories.id] }),
}));
