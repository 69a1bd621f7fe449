import { timingSafeEqual } from 'hono/utils/buffer';
import { formatPasswordHash, HASH_BYTES, PBKDF2_ITERATIONS, parsePasswordHash, SALT_BYTES } from './rules/passwordHash';

const derive = async (password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
};

/** A new stored hash of `password`, with a random salt. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return formatPasswordHash({
    iterations: PBKDF2_ITERATIONS,
    salt,
    hash: await derive(password, salt, PBKDF2_ITERATIONS),
  });
};

/** Whether `password` is the one `stored` was made from; compared in constant time. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const derived = await derive(password, parsed.salt, parsed.iterations);
  return timingSafeEqual(derived.buffer as ArrayBuffer, parsed.hash.buffer as ArrayBuffer);
};

/**
 * A hash to verify against when the login names no account, so an unknown login costs the same
 * PBKDF2 time as a known one and the answer's timing does not tell them apart.
 */
export const ABSENT_ACCOUNT_HASH = formatPasswordHash({
  iterations: PBKDF2_ITERATIONS,
  salt: new Uint8Array(SALT_BYTES),
  hash: new Uint8Array(HASH_BYTES),
});
