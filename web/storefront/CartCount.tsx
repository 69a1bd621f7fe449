import { useLive } from '../ui/useLive';
import { useShop } from './shopContext';

/** How many units the cart holds, live on every channel the shopper has open. */
export const CartCount = () => {
  const { storefront } = useShop();
  const [lines] = useLive(storefront && (() => storefront.cart), []);
  const units = lines.reduce((sum, line) => sum + line.qty, 0);
  return units > 0 ? (
    <span class="count" data-cart-count={units}>
      {units}
    </span>
  ) : null;
};
