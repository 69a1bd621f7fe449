import { useState } from 'hono/jsx';
import type { ClaimedCoupon } from '../../../sdk/src/accountDocument';
import type { DeliveryRequest } from '../../../shared/api/checkout';
import type { Order } from '../../../shared/api/orderRecord';
import { Notice } from '../../ui/Notice';
import { Price } from '../../ui/Price';
import { useLive } from '../../ui/useLive';
import { goTo } from '../browserPage';
import { CouponChoice, couponDiscount } from '../CouponChoice';
import { DeliveryChoice } from '../DeliveryChoice';
import { Frame } from '../Frame';
import { useMember, useReady } from '../memberSession';
import { OrderTotals } from '../OrderTotals';
import { PayChoice } from '../PayChoice';
import type { PageData } from '../pageData';
import { refusalText, refusedField } from '../refusalText';
import { useShop } from '../shopContext';
import { unitPrice, useSkuProducts } from '../skuProducts';

type Refusal = { section: 'items' | 'delivery' | 'coupon' | 'order'; line: number | null; message: string };

/** Where on the page a refusal belongs, by the field the hub named (`items.0.skuId`, `delivery.address`, `couponId`). */
const placeOf = (error: unknown): Refusal => {
  const field = refusedField(error) ?? '';
  const message = refusalText(error);
  const line = /^items\.(\d+)/.exec(field);
  if (line) return { section: 'items', line: Number(line[1]), message };
  if (field.startsWith('delivery')) return { section: 'delivery', line: null, message };
  if (field === 'couponId') return { section: 'coupon', line: null, message };
  return { section: 'order', line: null, message };
};

/** The selected cart lines, where they go, a coupon, the totals, then the order placed and paid. */
export const CheckoutPage = ({ data }: { data: Extract<PageData, { page: 'checkout' }> }) => {
  const { storefront, channel, paths } = useShop();
  const member = useMember();
  const ready = useReady();
  const [cart] = useLive(storefront && (() => storefront.cart), []);
  const [delivery, setDelivery] = useState<DeliveryRequest | null>(null);
  const [coupon, setCoupon] = useState<ClaimedCoupon | null>(null);
  const [placing, setPlacing] = useState(false);
  const [placed, setPlaced] = useState<Order | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const lines = cart.filter((l) => l.selected);
  const { shown } = useSkuProducts(lines.map((l) => l.skuId));
  const goods = lines.reduce((sum, l) => {
    const s = shown.get(l.skuId);
    return s ? sum + unitPrice(s.sku, channel) * l.qty : sum;
  }, 0);

  const place = async () => {
    if (!storefront || !delivery) return;
    setPlacing(true);
    setRefusal(null);
    try {
      setPlaced(await storefront.checkout({ delivery, ...(coupon ? { couponId: coupon.couponId } : {}) }));
    } catch (error) {
      setRefusal(placeOf(error));
    } finally {
      setPlacing(false);
    }
  };
  const noticeFor = (section: Refusal['section']) => (refusal?.section === section ? refusal.message : null);

  if (placed) {
    return (
      <Frame categories={data.categories} title="Pay" back={paths.orders}>
        <section class="checkout-placed card" data-order={placed.id}>
          <h1 class="page-title">Order placed</h1>
          <p class="muted">Pay within 30 minutes, or the order is closed and the items go back on sale.</p>
          <OrderTotals order={placed} />
          <PayChoice orderId={placed.id} payable={placed.payable} onPaid={() => goTo(paths.order(placed.id))} />
          <a href={paths.order(placed.id)}>Pay later: see the order ›</a>
        </section>
      </Frame>
    );
  }

  return (
    <Frame categories={data.categories} title="Checkout" back={paths.cart}>
      <h1 class="page-title">Checkout</h1>
      {!member || (lines.length === 0 && !ready) ? (
        <p class="loading muted" aria-busy="true">
          Loading…
        </p>
      ) : lines.length === 0 ? (
        <section class="empty-state">
          <p>Nothing selected to check out.</p>
          <a class="button" href={paths.cart}>
            Back to the cart
          </a>
        </section>
      ) : (
        <div class="checkout-layout">
          <div class="checkout-main">
            <DeliveryChoice onChange={setDelivery} />
            <Notice message={noticeFor('delivery')} />
            <section class="checkout-section card" aria-label="Items" data-section="items">
              <h2 class="section-title">Items</h2>
              <ul class="checkout-lines">
                {lines.map((l, i) => {
                  const s = shown.get(l.skuId);
                  return (
                    <li class="checkout-line" data-sku={l.skuId}>
                      <span class="checkout-line-title">
                        {s?.product.title ?? '…'}
                        {s?.sku.name ? <span class="muted"> · {s.sku.name}</span> : null}
                      </span>
                      <span class="muted">× {l.qty}</span>
                      {s && <Price price={unitPrice(s.sku, channel) * l.qty} />}
                      {refusal?.section === 'items' && refusal.line === i && <Notice message={refusal.message} />}
                    </li>
                  );
                })}
              </ul>
            </section>
            <CouponChoice goods={goods} chosen={coupon} onChange={setCoupon} />
            <Notice message={noticeFor('coupon')} />
          </div>
          <aside class="checkout-summary card" aria-label="Summary">
            <dl class="totals">
              <div>
                <dt>Goods</dt>
                <dd>
                  <Price price={goods} />
                </dd>
              </div>
              {coupon && (
                <div>
                  <dt>Coupon</dt>
                  <dd>
                    −<Price price={couponDiscount(coupon, goods)} />
                  </dd>
                </div>
              )}
              <div>
                <dt>Freight</dt>
                <dd class="muted">{delivery?.kind === 'self_pickup' ? 'None (pick up)' : 'Added when placed'}</dd>
              </div>
            </dl>
            <button class="button" type="button" disabled={placing || !delivery} onClick={place}>
              Place order
            </button>
            <Notice message={noticeFor('order')} />
            {!delivery && <p class="muted">Choose where the order goes first.</p>}
          </aside>
        </div>
      )}
    </Frame>
  );
};
