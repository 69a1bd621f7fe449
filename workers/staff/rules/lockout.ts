/** Wrong passwords in a row that lock an account. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a locked account refuses every password, the right one included. */
export const LOCKOUT_MS = 15 * 60_000;

export interface LoginAttempts {
  failedAttempts: number;
  lockedUntil: number | null;
}

/** Whether the account refuses a login at `now`, and for how many more ms. */
export const lockRemainingMs = (attempts: LoginAttempts, now: number): number =>
  attempts.lockedUntil !== null && attempts.lockedUntil > now ? attempts.lockedUntil - now : 0;

/**
 * The account's attempts after a password check at `now` (not made while locked): a right one
 * starts the count again; the fifth wrong one in a row locks it for 15 minutes.
 */
export const afterPasswordCheck = (attempts: LoginAttempts, passwordRight: boolean, now: number): LoginAttempts => {
  if (passwordRight) return { failedAttempts: 0, lockedUntil: null };
  // A lock that has run out counts from zero again.
  const previous = attempts.lockedUntil !== null ? 0 : attempts.failedAttempts;
  const failedAttempts = previous + 1;
  return failedAttempts >= MAX_FAILED_ATTEMPTS
    ? { failedAttempts, lockedUntil: now + LOCKOUT_MS }
    : { failedAttempts, lockedUntil: null };
};
