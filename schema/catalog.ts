import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs, fen } from './columns';

export const products = sqliteTable('products', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** Where the product came from: created here, or migrated from a WeChat Mini-Shop. */
  source: text('source', { enum: ['mall', 'minishop'] })
    .notNull()
    .default('mall'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

export const productsRelations = relations(products, ({ many }) => ({ skus: many(skus) }));

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
    title: text('title').notNull(),
    price: fen('price').notNull(),
    stock: integer('stock').notNull(),
    listed: integer('listed', { mode: 'boolean' }).notNull().default(true),
    rev: integer('rev').notNull().default(1),
    changedAt: epochMs('changed_at').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('skus_product_idx').on(t.productId)],
);

export const skusRelations = relations(skus, ({ one }) => ({
  product: one(products, { fields: [skus.productId], references: [products.id] }),
}));
