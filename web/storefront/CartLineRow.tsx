import type { CartItem } from '../../sdk/src/memberDocument';
import { Picture } from '../ui/Picture';
import { Price } from '../ui/Price';
import { checkedOf } from './browserPage';
import { useShop } from './shopContext';
import { type SkuOnShow, unitPrice } from './skuProducts';

const stockText = (shown: SkuOnShow, qty: number): string => {
  if (!shown.product.listed || !shown.sku.listed) return 'No longer for sale';
  if (shown.sku.stock === 0) return 'Sold out';
  return shown.sku.stock < qty ? `Only ${shown.sku.stock} left` : `In stock: ${shown.sku.stock}`;
};

/** One cart line: picture, title, option, live price and stock, quantity, ticked for checkout or not. */
export const CartLineRow = ({ line, shown, gone }: { line: CartItem; shown: SkuOnShow | undefined; gone: boolean }) => {
  const { storefront, channel, paths } = useShop();
  const title = shown?.product.title ?? (gone ? 'No longer available' : 'Loading…');
  const picture = shown ? (shown.sku.imageUrl ?? shown.product.images[0]?.url ?? null) : null;
  return (
    <li class="cart-line card" data-sku={line.skuId} data-qty={line.qty} data-selected={String(line.selected)}>
      <input
        type="checkbox"
        class="cart-line-select"
        aria-label={`Check out ${title}`}
        checked={line.selected}
        onChange={(e: Event) => storefront?.cart.select(line.skuId, checkedOf(e))}
      />
      <a class="cart-line-picture" href={shown ? paths.product(shown.product.productId) : undefined}>
        <Picture url={picture} alt={title} />
      </a>
      <div class="cart-line-body">
        <a class="cart-line-title" href={shown ? paths.product(shown.product.productId) : undefined}>
          {title}
        </a>
        {shown?.sku.name && <p class="muted cart-line-option">{shown.sku.name}</p>}
        <p class="muted cart-line-stock">{shown ? stockText(shown, line.qty) : ''}</p>
        <div class="cart-line-foot">
          {shown ? <Price price={unitPrice(shown.sku, channel)} /> : <span />}
          <span class="qty">
            <button
              type="button"
              aria-label="One less"
              onClick={() => storefront?.cart.setQty(line.skuId, Math.max(1, line.qty - 1))}
            >
              −
            </button>
            <output>{line.qty}</output>
            <button
              type="button"
              aria-label="One more"
              onClick={() => storefront?.cart.setQty(line.skuId, line.qty + 1)}
            >
              +
            </button>
          </span>
          <button
            type="button"
            class="link-button cart-line-remove"
            onClick={() => storefront?.cart.remove(line.skuId)}
          >
            Remove
          </button>
        </div>
      </div>
    </li>
  );
};
