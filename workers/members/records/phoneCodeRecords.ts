import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import { phoneCodes } from '../../../schema';
import type { Database } from '../../records/db';

export const PHONE_CODE_TTL_MS = 5 * 60_000;
/** Wrong codes allowed per phone within the window before verification answers 429. */
export const MAX_CODE_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'rate_limited';

/** Remembers the code just sent to `phone`, replacing any earlier one; failures stay counted. */
export const storePhoneCode = async (db: Database, phone: string, code: string, now: number): Promise<number> => {
  const expiresAt = now + PHONE_CODE_TTL_MS;
  await db
    .insert(phoneCodes)
    .values({ phone, code, expiresAt, failuresSince: now })
    .onConflictDoUpdate({ target: phoneCodes.phone, set: { code, expiresAt } });
  return expiresAt;
};

/**
 * Uses up `code` for `phone` if it is the current, unexpired code and the phone is not locked
 * out by earlier failures. The check and the consumption are one statement, so a code works once
 * even when two requests race; every miss counts as a failure.
 */
export const consumePhoneCode = async (db: Database, phone: string, code: string, now: number): Promise<CodeCheck> => {
  const windowStart = now - FAILURE_WINDOW_MS;
  const notLockedOut = or(lt(phoneCodes.failures, MAX_CODE_FAILURES), lt(phoneCodes.failuresSince, windowStart));
  const used = await db
    .update(phoneCodes)
    .set({ code: null, failures: 0, failuresSince: now })
    .where(and(eq(phoneCodes.phone, phone), eq(phoneCodes.code, code), gt(phoneCodes.expiresAt, now), notLockedOut))
    .returning({ phone: phoneCodes.phone });
  if (used.length > 0) return 'ok';

  const [row] = await db
    .update(phoneCodes)
    .set({
      failures: sql`CASE WHEN ${phoneCodes.failuresSince} < ${windowStart} THEN 1 ELSE ${phoneCodes.failures} + 1 END`,
      failuresSince: sql`CASE WHEN ${phoneCodes.failuresSince} < ${windowStart} THEN ${now} ELSE ${phoneCodes.failuresSince} END`,
    })
    .where(eq(phoneCodes.phone, phone))
    .returning();
  if (!row) return 'wrong';
  // The failure just counted may be the one that reaches the limit: that answer is still "wrong".
  if (row.failures > MAX_CODE_FAILURES) return 'rate_limited';
  return row.code === code && row.expiresAt <= now ? 'expired' : 'wrong';
};
