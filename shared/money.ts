import type { PriceRange } from './api/productViews';

/** A price in fen as shoppers read it: `¥99.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** A price over several SKUs: one price, or the cheapest and dearest (`¥99.00 – ¥109.00`). */
export const yuanRange = (range: PriceRange): string =>
  range.min === range.max ? yuan(range.min) : `${yuan(range.min)} – ${yuan(range.max)}`;

/**
 * Yuan as an operator types it (`89.9`) in fen. What is blank or not a number gives `NaN`, which
 * the hub refuses on its field: forms send what was typed and show the hub's refusal.
 */
export const typedFen = (typed: string): number => (typed.trim() === '' ? Number.NaN : Math.round(Number(typed) * 100));

/** Fen in a field an operator edits: `89.90`, without the currency sign. */
export const typedYuan = (fen: number): string => (fen / 100).toFixed(2);
