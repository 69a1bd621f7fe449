import { useEffect, useState } from 'hono/jsx';
import type { Order } from '../../../shared/api/orderRecord';
import type { PostalAddress } from '../../../shared/checkout';
import { Notice } from '../../ui/Notice';
import { Price } from '../../ui/Price';
import { useLive } from '../../ui/useLive';
import { Frame } from '../Frame';
import { useMember } from '../memberSession';
import { OrderStatus, ShipmentLines } from '../OrderStatus';
import { OrderTotals } from '../OrderTotals';
import { PayChoice } from '../PayChoice';
import type { PageData } from '../pageData';
import { refusalText } from '../refusalText';
import { useShop } from '../shopContext';

const when = (ms: number) =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

const AddressBlock = ({ address }: { address: PostalAddress }) => (
  <p class="order-address">
    <strong>
      {address.userName} {address.telNumber}
    </strong>
    <br />
    {address.provinceName} {address.cityName} {address.countyName} {address.detailInfo}
  </p>
);

/**
 * One order: its lines, where it goes, its payment and parcels, the status live (a payment or a
 * shipment shows without a reload); an unpaid one can be paid or cancelled here.
 */
export const OrderPage = ({ data }: { data: Extract<PageData, { page: 'order' }> }) => {
  const { storefront, paths } = useShop();
  const member = useMember();
  const [orders] = useLive(storefront && (() => storefront.orders), []);
  const [detail, setDetail] = useState<Order | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const summary = orders.find((o) => o.orderId === data.orderId) ?? null;
  const status = summary?.status ?? detail?.status ?? null;

  // The lines and the payment time come from the order itself, read again whenever its status moves.
  useEffect(() => {
    if (!storefront || !member) return;
    void storefront.orders.detail(data.orderId).then(setDetail, (error: unknown) => setMissing(refusalText(error)));
  }, [member, status]);

  const cancel = async () => {
    if (!storefront) return;
    setRefusal(null);
    try {
      setDetail(await storefront.orders.cancel(data.orderId));
    } catch (error) {
      setRefusal(refusalText(error));
    }
  };

  const shipments = summary?.shipments ?? detail?.shipments ?? [];
  const address = summary?.shippingAddress ?? detail?.shippingAddress ?? null;
  const pickup = summary?.pickupPoint ?? detail?.pickupPoint ?? null;

  return (
    <Frame categories={data.categories} title="Order" back={paths.orders} tab="me">
      {missing ? (
        <section class="empty-state">
          <p>This order is not in your account.</p>
          <a class="button" href={paths.orders}>
            Your orders
          </a>
        </section>
      ) : !member || !detail || !status ? (
        <p class="loading muted" aria-busy="true">
          Loading the order…
        </p>
      ) : (
        <article class="order-page" data-order={detail.id} data-status={status}>
          <header class="order-page-head card">
            <h1 class="page-title">
              <OrderStatus status={status} />
            </h1>
            <p class="muted">
              Order {detail.id} · placed {when(detail.createdAt)}
            </p>
            {status === 'unpaid' && (
              <>
                <PayChoice orderId={detail.id} payable={detail.payable} onPaid={() => setRefusal(null)} />
                <button class="link-button" type="button" onClick={cancel}>
                  Cancel order
                </button>
              </>
            )}
            <Notice message={refusal} />
          </header>
          <section class="card order-section" aria-label="Items">
            <h2 class="section-title">Items</h2>
            <ul class="checkout-lines">
              {detail.items.map((item) => (
                <li class="checkout-line" data-sku={item.skuId}>
                  <span class="checkout-line-title">{item.title}</span>
                  <span class="muted">× {item.qty}</span>
                  <Price price={item.price * item.qty} />
                </li>
              ))}
            </ul>
            <OrderTotals order={detail} />
          </section>
          <section class="card order-section" aria-label="Delivery">
            <h2 class="section-title">Delivery</h2>
            {address && <AddressBlock address={address} />}
            {pickup && (
              <p class="order-address">
                Pick up at <strong>{pickup.name}</strong>, {pickup.detailInfo}
              </p>
            )}
            {shipments.length > 0 ? <ShipmentLines shipments={shipments} /> : <p class="muted">Not shipped yet.</p>}
          </section>
          <section class="card order-section" aria-label="Payment">
            <h2 class="section-title">Payment</h2>
            <p class="order-payment">
              {detail.paidAt ? (
                <>
                  Paid <Price price={detail.payable} /> on {when(detail.paidAt)}
                </>
              ) : status === 'unpaid' && detail.expiresAt ? (
                <>Not paid yet · pay by {when(detail.expiresAt)}</>
              ) : (
                'Not paid'
              )}
            </p>
          </section>
        </article>
      )}
    </Frame>
  );
};
