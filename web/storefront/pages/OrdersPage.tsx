import { useEffect, useState } from 'hono/jsx';
import type { Order } from '../../../shared/api/orderRecord';
import { Price } from '../../ui/Price';
import { useLive } from '../../ui/useLive';
import { Frame } from '../Frame';
import { hubRead } from '../memberReads';
import { useMember, useReady } from '../memberSession';
import { OrderStatus, ShipmentLines } from '../OrderStatus';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';

const placedAt = (ms: number) =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

/** The member's orders, live: status, total, how many lines, the parcel's carrier and waybill; unpaid ones to pay. */
export const OrdersPage = ({ data }: { data: Extract<PageData, { page: 'orders' }> }) => {
  const { storefront, paths } = useShop();
  const member = useMember();
  const ready = useReady();
  const [orders] = useLive(storefront && (() => storefront.orders), []);
  const [lineCounts, setLineCounts] = useState<Record<string, number>>({});
  const known = orders.map((o) => o.orderId).join(',');

  // The account document has no lines: the order list answers them, read again when an order is new here.
  useEffect(() => {
    if (!storefront || !member || orders.every((o) => o.orderId in lineCounts)) return;
    void hubRead<{ orders: Order[] }>(storefront, '/api/orders').then((answer) =>
      setLineCounts(Object.fromEntries(answer.orders.map((o) => [o.id, o.items.length]))),
    );
  }, [member, known]);

  return (
    <Frame categories={data.categories} title="Orders" tab="me" back={paths.me}>
      <h1 class="page-title">Orders</h1>
      {!member || (orders.length === 0 && !ready) ? (
        <p class="loading muted" aria-busy="true">
          Loading your orders…
        </p>
      ) : orders.length === 0 ? (
        <section class="empty-state">
          <p>No orders yet.</p>
          <a class="button" href={paths.home}>
            Go shopping
          </a>
        </section>
      ) : (
        <ul class="order-list">
          {orders.map((o) => (
            <li class="order-row card" data-order={o.orderId} data-status={o.status}>
              <a class="order-row-head" href={paths.order(o.orderId)}>
                <span class="muted">
                  {placedAt(o.createdAt)} · {o.orderId}
                </span>
                <OrderStatus status={o.status} />
              </a>
              <div class="order-row-body">
                <span class="muted">{o.orderId in lineCounts ? `${lineCounts[o.orderId]} line(s)` : ''}</span>
                <span>
                  Total <Price price={o.payable} />
                </span>
              </div>
              <ShipmentLines shipments={o.shipments} />
              {o.status === 'unpaid' && (
                <a class="button" href={paths.order(o.orderId)}>
                  Continue to pay
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
};
