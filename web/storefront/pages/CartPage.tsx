import { Price } from '../../ui/Price';
import { useLive } from '../../ui/useLive';
import { CartLineRow } from '../CartLineRow';
import { Frame } from '../Frame';
import { useReady } from '../memberSession';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';
import { unitPrice, useSkuProducts } from '../skuProducts';

/** The cart, live on every channel: lines to tick, change or remove, the selected total, and on to checkout. */
export const CartPage = ({ data }: { data: Extract<PageData, { page: 'cart' }> }) => {
  const { storefront, channel, paths } = useShop();
  const ready = useReady();
  const [lines] = useLive(storefront && (() => storefront.cart), []);
  const [session] = useLive(storefront && (() => storefront.auth.session), null);
  const { shown, gone } = useSkuProducts(lines.map((l) => l.skuId));
  const selected = lines.filter((l) => l.selected);
  const total = selected.reduce((sum, l) => {
    const s = shown.get(l.skuId);
    return s ? sum + unitPrice(s.sku, channel) * l.qty : sum;
  }, 0);
  const units = selected.reduce((sum, l) => sum + l.qty, 0);
  const checkout = session?.role === 'member' ? paths.checkout : paths.login(paths.checkout);

  return (
    <Frame categories={data.categories} title="Cart" tab="cart" back={paths.home}>
      <h1 class="page-title">Cart</h1>
      {lines.length === 0 && !ready ? (
        <p class="loading muted" aria-busy="true">
          Loading your cart…
        </p>
      ) : lines.length === 0 ? (
        <section class="empty-state">
          <p>Your cart is empty.</p>
          <a class="button" href={paths.home}>
            Go shopping
          </a>
        </section>
      ) : (
        <div class="cart-layout">
          <ul class="cart-lines">
            {lines.map((line) => (
              <CartLineRow line={line} shown={shown.get(line.skuId)} gone={gone.has(line.skuId)} />
            ))}
          </ul>
          <aside class="cart-summary card">
            <p>
              Selected: <strong data-selected-units={units}>{units}</strong> items
            </p>
            <p class="cart-total">
              Total <Price price={total} />
            </p>
            {selected.length > 0 ? (
              <a class="button" href={checkout}>
                Check out
              </a>
            ) : (
              <button class="button" type="button" disabled>
                Check out
              </button>
            )}
          </aside>
        </div>
      )}
    </Frame>
  );
};
