import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { auditSeq, epochMs } from './columns';

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    nickname: text('nickname').notNull().default(''),
    tier: text('tier').notNull().default('regular'),
    /** JSON array of tag names. */
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Set when this account was merged into another one; logins then resolve to that member. */
    mergedInto: text('merged_into'),
    createdAt: epochMs('created_at').notNull(),
    /** The member joined, was merged, or a ledger row of theirs was written at this point of the change sequence. */
    auditSeq: auditSeq(),
  },
  // The back office's list: members by joining time, then id; the checks' by change.
  (t) => [index('members_created_idx').on(t.createdAt, t.id), index('members_audit_seq_idx').on(t.auditSeq)],
);

/**
 * One row per absorbed account: the primary key on `absorbedId` is what makes a merge happen
 * exactly once, even when two binds race (the second one's batch fails and rolls back).
 */
export const memberMerges = sqliteTable('member_merges', {
  absorbedId: text('absorbed_id')
    .primaryKey()
    .references(() => members.id),
  survivorId: text('survivor_id')
    .notNull()
    .references(() => members.id),
  at: epochMs('at').notNull(),
});

export const membersRelations = relations(members, ({ many }) => ({
  identities: many(memberIdentities),
}));

/**
 * One member, many ways to log in. `appId` scopes WeChat OpenIDs (one per app); it is '' for
 * identities that are global (phone, UnionID, guest).
 */
export const memberIdentities = sqliteTable(
  'member_identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind', { enum: ['phone', 'wechat_openid', 'wechat_unionid', 'guest'] }).notNull(),
    appId: text('app_id').notNull().default(''),
    value: text('value').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('member_identities_unique').on(t.kind, t.appId, t.value),
    index('member_identities_member_idx').on(t.memberId),
  ],
);

export const memberIdentitiesRelations = relations(memberIdentities, ({ one }) => ({
  member: one(members, { fields: [memberIdentities.memberId], references: [members.id] }),
}));
