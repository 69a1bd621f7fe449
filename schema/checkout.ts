import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { products } from './catalog';
import { epochMs, fen } from './columns';
import { members } from './members';
import { freightTemplates } from './minishop';

/**
 * A member's address book, in the field names of WeChat's address picker
 * (`shared/checkout.ts`). Exactly one entry of a non-empty book is the default.
 */
export const memberAddresses = sqliteTable(
  'member_addresses',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    userName: text('user_name').notNull(),
    telNumber: text('tel_number').notNull(),
    provinceName: text('province_name').notNull(),
    cityName: text('city_name').notNull(),
    countyName: text('county_name').notNull(),
    streetName: text('street_name'),
    detailInfo: text('detail_info').notNull(),
    postalCode: text('postal_code'),
    nationalCode: text('national_code'),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull(),
    createdAt: epochMs('created_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
  },
  (t) => [index('member_addresses_member_idx').on(t.memberId, t.createdAt)],
);

/** Where self-pickup orders are collected; the operator keeps the list. */
export const pickupPoints = sqliteTable('pickup_points', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  provinceName: text('province_name').notNull(),
  cityName: text('city_name').notNull(),
  countyName: text('county_name').notNull(),
  detailInfo: text('detail_info').notNull(),
  telNumber: text('tel_number'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

/**
 * A product's freight set by the operator: a unified amount or a freight template, exactly one.
 * It takes precedence over what a Mini-Shop migration set (`minishop_products`).
 */
export const productFreight = sqliteTable('product_freight', {
  productId: text('product_id')
    .primaryKey()
    .references(() => products.id),
  freight: fen('freight'),
  freightTemplateId: text('freight_template_id').references(() => freightTemplates.id),
  updatedAt: epochMs('updated_at').notNull(),
});

export const memberAddressesRelations = relations(memberAddresses, ({ one }) => ({
  member: one(members, { fields: [memberAddresses.memberId], references: [members.id] }),
}));

export const productFreightRelations = relations(productFreight, ({ one }) => ({
  product: one(products, { fields: [productFreight.productId], references: [products.id] }),
  freightTemplate: one(freightTemplates, {
    fields: [productFreight.freightTemplateId],
    references: [freightTemplates.id],
  }),
}));
