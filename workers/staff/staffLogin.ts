import type { Context } from 'hono';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { recordSessionEvent } from './auditTrail';
import { ABSENT_ACCOUNT_HASH, verifyPassword } from './passwords';
import { type StaffRow, staffByLogin, updateStaff } from './records/staffRecords';
import { afterPasswordCheck, lockRemainingMs } from './rules/lockout';
import { startSession } from './sessionCookie';

export type LoginOutcome =
  | { signedIn: StaffRow }
  /** Wrong login or wrong password: one answer for both, so it tells no one which accounts exist. */
  | { refused: 'invalid_credentials' }
  | { refused: 'login_locked'; retryAfterS: number };

/**
 * Checks a login and password, counting wrong passwords (`rules/lockout.ts`) on the hub's clock,
 * and starts a session with its cookie when they are right and the account is not locked.
 */
export const signIn = async (c: Context, typed: { login: string; password: string }): Promise<LoginOutcome> => {
  const db = database(c.env.DB);
  const login = typed.login.trim().toLowerCase();
  const account = await staffByLogin(db, login);
  if (!account || account.disabledAt !== null) {
    // The same PBKDF2 work as a real check, so the time taken does not tell that the account is missing.
    await verifyPassword(typed.password, ABSENT_ACCOUNT_HASH);
    await recordSessionEvent(c, { action: 'login_failed', status: 401, login, staffId: account?.id });
    return { refused: 'invalid_credentials' };
  }
  const now = clock.now();
  const lockedFor = lockRemainingMs(account, now);
  if (lockedFor > 0) {
    await recordSessionEvent(c, { action: 'login_locked', status: 423, login, staffId: account.id });
    return { refused: 'login_locked', retryAfterS: Math.ceil(lockedFor / 1000) };
  }
  const right = await verifyPassword(typed.password, account.passwordHash);
  const attempts = afterPasswordCheck(account, right, now);
  const updated = (await updateStaff(db, account.id, attempts)) ?? account;
  if (right) {
    await startSession(c, updated);
    await recordSessionEvent(c, { action: 'login', status: 200, login, staffId: account.id });
    return { signedIn: updated };
  }
  const lockedNow = lockRemainingMs(attempts, now);
  if (lockedNow > 0) {
    await recordSessionEvent(c, { action: 'login_locked', status: 423, login, staffId: account.id });
    return { refused: 'login_locked', retryAfterS: Math.ceil(lockedNow / 1000) };
  }
  await recordSessionEvent(c, { action: 'login_failed', status: 401, login, staffId: account.id });
  return { refused: 'invalid_credentials' };
};
