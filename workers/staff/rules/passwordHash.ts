/** The PBKDF2 iterations Workers allow at most (WebCrypto there refuses more than 100,000). */
export const PBKDF2_ITERATIONS = 100_000;
export const SALT_BYTES = 16;
export const HASH_BYTES = 32;

const SCHEME = 'pbkdf2-sha256';

/** A stored password: `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, taken apart. */
export interface PasswordHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

const fromBase64 = (text: string): Uint8Array | null => {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
};

export const formatPasswordHash = ({ iterations, salt, hash }: PasswordHash): string =>
  `${SCHEME}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;

/** The parts of a stored hash, or null when it is not one this scheme wrote. */
export const parsePasswordHash = (stored: string): PasswordHash | null => {
  const [scheme, iterationsText, saltText, hashText, ...rest] = stored.split('$');
  if (scheme !== SCHEME || rest.length > 0 || !/^[1-9]\d*$/.test(iterationsText ?? '')) return null;
  const iterations = Number(iterationsText);
  const salt = fromBase64(saltText ?? '');
  const hash = fromBase64(hashText ?? '');
  if (iterations > PBKDF2_ITERATIONS || !salt || !hash || salt.length === 0 || hash.length !== HASH_BYTES) return null;
  return { iterations, salt, hash };
};
