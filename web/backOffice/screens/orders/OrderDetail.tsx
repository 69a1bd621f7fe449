import { useEffect, useState } from 'hono/jsx';
import type { Order, Payment } from '../../../../shared/api/orderRecord';
import { CHANNEL_NAMES } from '../../../../shared/channels';
import { yuan } from '../../../../shared/money';
import { ActionNotice, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { mallTime } from '../mallTime';
import { OrderHistory } from './OrderHistory';
import {
  carrierName,
  DELIVERY_NAMES,
  PAYMENT_STATUS_NAMES,
  SOURCE_NAMES,
  STATUS_NAMES,
  STATUS_TONES,
} from './orderWords';
import { ShipForm } from './ShipForm';

export type OrderDetailView = Order & { payments: Payment[] };

const Address = ({ order }: { order: Order }) => {
  const address = order.shippingAddress;
  const point = order.pickupPoint;
  if (address) {
    return (
      <p id="order-address">
        {address.userName} · {address.telNumber}
        <br />
        {[address.provinceName, address.cityName, address.countyName, address.streetName, address.detailInfo]
          .filter(Boolean)
          .join(' ')}
      </p>
    );
  }
  if (point)
    return (
      <p id="order-address">
        Pickup at {point.name}, {point.detailInfo}
      </p>
    );
  return <p class="muted">No address: this order was placed without delivery details.</p>;
};

const Items = ({ order }: { order: OrderDetailView }) => (
  <section class="panel">
    <h2>Items</h2>
    <div class="table-scroll">
      <table class="grid" id="order-items">
        <thead>
          <tr>
            <th>Item</th>
            <th>SKU</th>
            <th class="number">Price</th>
            <th class="number">Qty</th>
            <th class="number">Amount</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr>
              <td>{item.title}</td>
              <td class="muted">{item.skuId}</td>
              <td class="number">{yuan(item.price)}</td>
              <td class="number">{item.qty}</td>
              <td class="number">{yuan(item.price * item.qty)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>
              Freight {yuan(order.freight)} · discount {yuan(order.discount)}
            </td>
            <th class="number">{yuan(order.payable)}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  </section>
);

const Payments = ({ payments }: { payments: Payment[] }) => (
  <section class="panel">
    <h2>Payments</h2>
    {payments.length === 0 ? (
      <p class="muted">No payment yet.</p>
    ) : (
      <table class="grid" id="order-payments">
        <thead>
          <tr>
            <th>When</th>
            <th>Method</th>
            <th class="number">Amount</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr>
              <td>{mallTime(payment.createdAt)}</td>
              <td>{payment.method === 'balance' ? 'Balance' : 'Payment provider'}</td>
              <td class="number">{yuan(payment.amount)}</td>
              <td>
                {PAYMENT_STATUS_NAMES[payment.status]}
                {payment.reason && <small class="muted"> ({payment.reason})</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

const Shipments = ({ order }: { order: Order }) => (
  <section class="panel">
    <h2>Shipments</h2>
    {order.shipments.length === 0 ? (
      <p class="muted">Not shipped yet.</p>
    ) : (
      <table class="grid" id="order-shipments">
        <thead>
          <tr>
            <th>Shipped</th>
            <th>Carrier</th>
            <th>Waybill</th>
          </tr>
        </thead>
        <tbody>
          {order.shipments.map((shipment) => (
            <tr>
              <td>{mallTime(shipment.shippedAt)}</td>
              <td>{carrierName(shipment.carrier)}</td>
              <td class="waybill">{shipment.waybill ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

/** One order in full at `/orders/<id>`: what was bought, where it goes, its payments, parcels and history; shipped from here. */
export const OrderDetail = ({ orderId }: { orderId: string }) => {
  const [order, setOrder] = useState<OrderDetailView | null>(null);
  const load = useAction();
  const read = () =>
    load.run(async () => setOrder(await adminCall<OrderDetailView>('GET', `/api/admin/orders/${orderId}`)));
  useEffect(() => {
    void read();
  }, [orderId]);
  return (
    <>
      <header class="screen-head">
        <h1>
          Order <span class="order-id">{orderId}</span>
        </h1>
        <Link href={screenHref('/orders')}>← All orders</Link>
      </header>
      <ActionNotice action={load} />
      {order && (
        <>
          <section class="panel order-facts">
            <dl>
              <div>
                <dt>Status</dt>
                <dd>
                  <span class="badge" data-tone={STATUS_TONES[order.status]} id="order-status">
                    {STATUS_NAMES[order.status]}
                  </span>
                </dd>
              </div>
              <div>
                <dt>Channel</dt>
                <dd>{CHANNEL_NAMES[order.channel]}</dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>{SOURCE_NAMES[order.source]}</dd>
              </div>
              <div>
                <dt>Buyer</dt>
                <dd>
                  <Link href={screenHref(`/members/${order.memberId}`)}>{order.memberId}</Link>
                </dd>
              </div>
              <div>
                <dt>Delivery</dt>
                <dd>{order.deliveryKind ? DELIVERY_NAMES[order.deliveryKind] : '—'}</dd>
              </div>
            </dl>
            <Address order={order} />
          </section>
          {order.status === 'paid' && <ShipForm orderId={order.id} onShipped={() => void read()} />}
          <Items order={order} />
          <div class="detail-columns">
            <Payments payments={order.payments} />
            <Shipments order={order} />
          </div>
          <OrderHistory order={order} />
        </>
      )}
    </>
  );
};
