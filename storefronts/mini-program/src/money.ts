import type { PriceRange } from '../../../shared/api/productViews';

/** Fen as the shopper reads it: `¥99.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** A product's price over its SKUs: one price, or the cheapest and dearest. */
export const priceRange = (range: PriceRange | null): string => {
  if (range === null) return '暂无报价';
  return range.min === range.max ? yuan(range.min) : `${yuan(range.min)} – ${yuan(range.max)}`;
};

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** When a flash sale ends, in the shopper's local time: `12-02 20:00 结束`. */
export const endsAt = (ms: number): string => {
  const at = new Date(ms);
  return `${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())} ${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())} 结束`;
};
