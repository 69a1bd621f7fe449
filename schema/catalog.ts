import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PRODUCT_SOURCES, PRODUCT_STATUSES, type ProductAttribute, type SpecOption } from '../shared/api/productModel';
import { auditSeq, epochMs, fen } from './columns';
import { productCategories, productImages } from './products';

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** The title as searches compare it (`workers/catalog/rules/searchText.ts`): any word of any length matches. */
    searchTitle: text('search_title').notNull().default(''),
    subtitle: text('subtitle').notNull().default(''),
    /** Rich text, sanitized (`workers/catalog/rules/richText.ts`) before it is stored. */
    description: text('description').notNull().default(''),
    /** Shoppers see `listed` products only; `warehouse` is kept for sale later, `draft` is being written. */
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('listed'),
    /** Higher first in the shop's own order. */
    sortWeight: integer('sort_weight').notNull().default(0),
    /** Spec options in order, each SKU naming one value of each (`skus.options`). */
    options: text('options', { mode: 'json' }).$type<SpecOption[]>().notNull().default([]),
    /** Attributes in order (`{key, value}`, e.g. 品牌: 晨光), shown with the product. */
    attributes: text('attributes', { mode: 'json' }).$type<ProductAttribute[]>().notNull().default([]),
    /** The sales figure shoppers see, kept by `workers/catalog/publishSales.ts` so listings sort by it. */
    sales: integer('sales').notNull().default(0),
    /** Where the product came from: created here, or migrated from a WeChat Mini-Shop. */
    source: text('source', { enum: PRODUCT_SOURCES }).notNull().default('mall'),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('products_status_created_idx').on(t.status, t.createdAt)],
);

export const productsRelations = relations(products, ({ many }) => ({
  skus: many(skus),
  images: many(productImages),
  categories: many(productCategories),
}));

/**
 * The D1 mirror of each SkuRoom. The room is the single writer; `rev` only ever grows, so a
 * late write-through can never roll a row back.
 */
export const skus = sqliteTable(
  'skus',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    /** What shoppers and order lines read: the product's title with the SKU's own name (`rules/skuTitle.ts`). */
    title: text('title').notNull(),
    /** The SKU's own name (e.g. "White / S"), without its product's title. */
    name: text('name').notNull().default(''),
    /** One value of each of its product's spec options, in their order. */
    options: text('options', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Its own picture, shown when a shopper picks it; null: the product's. */
    imageId: text('image_id'),
    price: fen('price').notNull(),
    stock: integer('stock').notNull(),
    /** What shoppers see (its room's): the SKU's own listing while its product is listed, else false. */
    listed: integer('listed', { mode: 'boolean' }).notNull().default(true),
    /** The SKU's own listing, the operator's: whether it is for sale whenever its product is listed. */
    ownListed: integer('own_listed', { mode: 'boolean' }).notNull().default(true),
    rev: integer('rev').notNull().default(1),
    changedAt: epochMs('changed_at').notNull(),
    createdAt: epochMs('created_at').notNull(),
    /** An operator removed it: delisted in its room, gone from the product; orders still name it. */
    removedAt: epochMs('removed_at'),
    /** Price, stock or listing last changed at this point of the change sequence. */
    auditSeq: auditSeq(),
  },
  (t) => [index('skus_product_idx').on(t.productId), index('skus_audit_seq_idx').on(t.auditSeq)],
);

export const skusRelations = relations(skus, ({ one }) => ({
  product: one(products, { fields: [skus.productId], references: [products.id] }),
}));
