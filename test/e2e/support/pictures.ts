import { crc32, deflateSync } from 'node:zlib';

/** A picture as an operator uploads it: its bytes, its declared type and the size it decodes to. */
export interface Picture {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const pngChunk = (type: string, data: Uint8Array): Uint8Array => {
  const typeAndData = new Uint8Array([...new TextEncoder().encode(type), ...data]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return chunk;
};

/** A complete PNG (signature, IHDR, deflated IDAT, IEND, every CRC) of one opaque RGB colour. */
export const pngPicture = (width: number, height: number, [red, green, blue]: [number, number, number]): Picture => {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per sample, truecolour, deflate, adaptive filtering, no interlace
  const row = [0, ...Array.from({ length: width }, () => [red, green, blue]).flat()]; // filter type 0 (None)
  const pixels = new Uint8Array(Array.from({ length: height }, () => row).flat());
  const bytes = new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', deflateSync(pixels)),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
  return { bytes, contentType: 'image/png', width, height };
};

const segment = (marker: number, data: number[]): number[] => [
  0xff,
  marker,
  (data.length + 2) >> 8,
  (data.length + 2) & 0xff,
  ...data,
];

/** A Huffman table with one symbol, coded `0` (length 1): all a single flat block needs. */
const oneSymbolTable = (tableClass: number, symbol: number): number[] =>
  segment(0xc4, [tableClass << 4, 1, ...new Array(15).fill(0), symbol]);

/**
 * A complete baseline JPEG (JFIF) of one 8×8 block of one grey `level`. A flat block has only its
 * DC coefficient, 8 × (level − 128) with every quantizer at 1, so the scan is the DC category's
 * code, its bits and an end-of-block code, decodable by any JPEG decoder.
 */
export const jpegPicture = (level: number): Picture => {
  const dc = 8 * (level - 128);
  const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const amplitude = dc >= 0 ? dc : dc + (1 << category) - 1;
  const bits = `0${category === 0 ? '' : amplitude.toString(2).padStart(category, '0')}0`;
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan = (padded.match(/.{8}/g) ?? []).flatMap((byte) => {
    const value = Number.parseInt(byte, 2);
    return value === 0xff ? [0xff, 0x00] : [value]; // a 0xFF in the scan is stuffed with 0x00
  });
  const bytes = new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...oneSymbolTable(0, category),
    ...oneSymbolTable(1, 0x00),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ]);
  return { bytes, contentType: 'image/jpeg', width: 8, height: 8 };
};
