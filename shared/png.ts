/**
 * The pieces of a PNG file (www.w3.org/TR/png): its signature and chunks, each with its CRC-32.
 * Enough for the pictures the project draws itself (the App's icons, the emulator's pictures).
 */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

export const uint32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** One chunk: its length, type, data and the CRC of type and data. */
export const pngChunk = (type: string, data: ArrayLike<number>): number[] => {
  const body = new Uint8Array([...new TextEncoder().encode(type), ...Array.from(data)]);
  return [...uint32(data.length), ...body, ...uint32(crc32(body))];
};
