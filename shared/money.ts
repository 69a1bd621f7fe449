import type { PriceRange } from './api/productViews';

/** A price in fen as shoppers read it: `¥99.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** A price over several SKUs: one price, or the cheapest and dearest (`¥99.00 – ¥109.00`). */
export const yuanRange = (range: PriceRange): string =>
  range.min === range.max ? yuan(range.min) : `${yuan(range.min)} – ${yuan(range.max)}`;
