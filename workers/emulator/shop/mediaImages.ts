import { pngChunk as chunk, crc32, PNG_SIGNATURE, uint32 } from '../../../shared/png';
/**
 * The pictures the emulated shop names (`head_img`, `desc_info.imgs`, `thumb_img`): each a real
 * 1×1 PNG whose colour and text chunk come from its name, so the same name always gives the same
 * bytes and two names never give the same bytes.
 */

/**
 * Where the seed puts the shop's pictures. The emulator answers `GET /media/:appid/:name` itself
 * and its replies name its own address instead (`app.ts`).
 */
export const MEDIA_BASE = 'https://mmecoa.qpic.cn/media';

export const mediaUrlOf = (appid: string, name: string): string => `${MEDIA_BASE}/${appid}/${name}.png`;

const adler32 = (bytes: number[]): number => {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
};

/** One uncompressed ("stored") deflate block in a zlib stream: enough for one pixel row. */
const zlibStored = (data: number[]): number[] => [
  0x78,
  0x01,
  0x01,
  data.length & 0xff,
  data.length >>> 8,
  ~data.length & 0xff,
  (~data.length >>> 8) & 0xff,
  ...data,
  ...uint32(adler32(data)),
];

export const pngOf = (name: string): Uint8Array => {
  const text = [...new TextEncoder().encode(name)];
  const hash = crc32(new Uint8Array(text));
  const pixel = [0, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff];
  return new Uint8Array([
    ...PNG_SIGNATURE,
    ...chunk('IHDR', [...uint32(1), ...uint32(1), 8, 2, 0, 0, 0]),
    ...chunk('tEXt', [...new TextEncoder().encode('Title'), 0, ...text]),
    ...chunk('IDAT', zlibStored(pixel)),
    ...chunk('IEND', []),
  ]);
};
