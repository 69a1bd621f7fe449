import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { epochMs } from './columns';

/**
 * The SMS login code last sent to each phone, and the wrong guesses made against that phone.
 * Failures are counted per phone across codes, so asking for a new code does not reset them.
 */
export const phoneCodes = sqliteTable('phone_codes', {
  phone: text('phone').primaryKey(),
  code: text('code'),
  expiresAt: epochMs('expires_at').notNull(),
  failures: integer('failures').notNull().default(0),
  /** Start of the window in which `failures` were counted. */
  failuresSince: epochMs('failures_since').notNull(),
});
