import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../shared/png';
import { APP_COLORS } from '../web/app/shell';

/**
 * The App's home-screen icon drawn as a PNG at build time: a white shopping bag on the App's red,
 * with the bag inside the middle 60 % so a maskable crop keeps it whole.
 */
const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** Whether the point (x, y) in the unit square is on the bag: its body (wider at the foot), or the handle. */
const onBag = (x: number, y: number): boolean => {
  const top = 0.4;
  const foot = 0.76;
  const half = 0.17 + ((y - top) / (foot - top)) * 0.05;
  const body = y >= top && y <= foot && Math.abs(x - 0.5) <= half;
  const r = Math.hypot(x - 0.5, y - top);
  const handle = y <= top && r >= 0.068 && r <= 0.095;
  return body || handle;
};

/** A square RGBA PNG of `size` pixels, each pixel sampled 4×4 for smooth edges. */
export const appIconPng = (size: number): Buffer => {
  const [br, bg, bb] = rgb(APP_COLORS.theme);
  const samples = 4;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (onBag((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      const white = hits / samples ** 2;
      const at = row + 1 + px * 4;
      rows[at] = Math.round(br + (255 - br) * white);
      rows[at + 1] = Math.round(bg + (255 - bg) * white);
      rows[at + 2] = Math.round(bb + (255 - bb) * white);
      rows[at + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.from([
    ...PNG_SIGNATURE,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', deflateSync(rows)),
    ...pngChunk('IEND', []),
  ]);
};
