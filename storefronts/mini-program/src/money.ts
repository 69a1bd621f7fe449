import type { PriceRange } from '../../../shared/api/productViews';
import { yuanRange } from '../../../shared/money';

export { yuan } from '../../../shared/money';

/** A product's price over its SKUs: one price, or the cheapest and dearest. */
export const priceRange = (range: PriceRange | null): string => (range === null ? '暂无报价' : yuanRange(range));

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** When a flash sale ends, in the shopper's local time: `12-02 20:00 结束`. */
export const endsAt = (ms: number): string => {
  const at = new Date(ms);
  return `${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())} ${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())} 结束`;
};
