import type { PriceRange } from '../../shared/api/productViews';
import { yuan, yuanRange } from '../../shared/money';

/** A price, a price range (`¥99.00 – ¥109.00`) or a flash price with the regular one struck through. */
export const Price = ({ price, was }: { price: number | PriceRange | null; was?: number | null }) => {
  if (price === null) return <span class="price muted">—</span>;
  const text = typeof price === 'number' ? yuan(price) : yuanRange(price);
  return (
    <span class="price" data-price={typeof price === 'number' ? price : price.min}>
      {text}
      {was != null && <span class="price-was"> {yuan(was)}</span>}
    </span>
  );
};
