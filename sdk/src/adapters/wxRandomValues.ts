/**
 * A mini-program has no global `crypto`, and lib0 binds `crypto.getRandomValues` when Yjs loads
 * (`lib0/webcrypto`), so this module is imported before anything that imports Yjs (`wx.ts`,
 * `uni.ts`). It installs a source only where none exists, filled from a PRNG seeded by the clock
 * and `Math.random`: Yjs draws client ids from it. It is not for secrets.
 */
export {};

type RandomValues = <T extends ArrayBufferView | null>(array: T) => T;

const scope = globalThis as { crypto?: { getRandomValues?: RandomValues } };

if (typeof scope.crypto?.getRandomValues !== 'function') {
  // mulberry32: small, fast and well spread, which is all a client id needs.
  let state = (Date.now() ^ Math.floor(Math.random() * 0x1_0000_0000)) >>> 0;
  const nextByte = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) & 0xff;
  };
  const getRandomValues: RandomValues = (array) => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = nextByte();
    }
    return array;
  };
  scope.crypto = { ...scope.crypto, getRandomValues };
}
