const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new record id such as `sku_k3x9…`: prefixed by kind, 16 random base-36 characters. */
export const newId = (prefix: string): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = `${prefix}_`;
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
};
