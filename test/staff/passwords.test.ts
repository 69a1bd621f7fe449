import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../workers/staff/passwords';
import { afterPasswordCheck, LOCKOUT_MS, lockRemainingMs } from '../../workers/staff/rules/lockout';
import { formatPasswordHash, PBKDF2_ITERATIONS, parsePasswordHash } from '../../workers/staff/rules/passwordHash';

describe('stored passwords', () => {
  it('are PBKDF2-SHA256 at 100,000 iterations with a 16-byte salt, in the documented format', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(parsePasswordHash(stored)).toMatchObject({ iterations: PBKDF2_ITERATIONS, salt: { length: 16 } });
  });

  it('verify the right password and refuse a wrong one, one character off included', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('differ for the same password, so equal passwords do not show in the table', async () => {
    const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same password', second)).toBe(true);
  });

  it('refuse every password against a hash this scheme did not write', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, , salt, hash] = stored.split('$');
    for (const other of [
      `md5$100000$${salt}$${hash}`,
      `pbkdf2-sha256$200000$${salt}$${hash}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      `pbkdf2-sha256$100000$${salt}$`,
      `pbkdf2-sha256$100000$${salt}$${hash}$extra`,
      'not a hash',
    ]) {
      expect(parsePasswordHash(other), other).toBeNull();
      expect(await verifyPassword('correct horse battery', other), other).toBe(false);
    }
  });

  it('read back what they were written from', () => {
    const parts = { iterations: 1000, salt: new Uint8Array(16).fill(7), hash: new Uint8Array(32).fill(9) };
    expect(parsePasswordHash(formatPasswordHash(parts))).toEqual(parts);
  });
});

describe('the lockout arithmetic', () => {
  const NOW = 1_767_225_600_000;
  const wrong = (times: number, from = { failedAttempts: 0, lockedUntil: null as number | null }) =>
    Array.from({ length: times }).reduce<typeof from>((attempts) => afterPasswordCheck(attempts, false, NOW), from);

  it('counts four wrong passwords without locking, and locks for 15 minutes at the fifth', () => {
    expect(wrong(4)).toEqual({ failedAttempts: 4, lockedUntil: null });
    expect(wrong(5)).toEqual({ failedAttempts: 5, lockedUntil: NOW + LOCKOUT_MS });
    expect(lockRemainingMs(wrong(5), NOW + 60_000)).toBe(LOCKOUT_MS - 60_000);
    expect(lockRemainingMs(wrong(5), NOW + LOCKOUT_MS)).toBe(0);
  });

  it('starts the count again after a right password', () => {
    expect(afterPasswordCheck(wrong(4), true, NOW)).toEqual({ failedAttempts: 0, lockedUntil: null });
  });

  it('counts from one again after a lock has run out', () => {
    const expired = wrong(5);
    expect(afterPasswordCheck(expired, false, NOW + LOCKOUT_MS + 1)).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
});
