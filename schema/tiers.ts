import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns';

/**
 * Member tiers: a member holds the highest tier whose threshold its earned points (the sum of
 * positive points-ledger rows) reach. `members.tier` names the tier by id.
 */
export const memberTiers = sqliteTable('member_tiers', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  minPoints: integer('min_points').notNull(),
  /** Points accrued from purchases are multiplied by this percentage (100 = ×1). */
  pointsPercent: integer('points_percent').notNull().default(100),
  createdAt: epochMs('created_at').notNull(),
});
