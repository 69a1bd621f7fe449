import type { Shipment } from '../../shared/checkout';

const STATUS_TEXT: Record<string, string> = {
  unpaid: 'Awaiting payment',
  paid: 'Paid · being packed',
  shipped: 'Shipped',
  completed: 'Completed',
  cancelled: 'Cancelled',
  expired: 'Expired (not paid in time)',
};

/** An order's status as the shopper reads it, coloured by whether anything is asked of them. */
export const OrderStatus = ({ status }: { status: string }) => (
  <span class="order-status" data-status={status}>
    {STATUS_TEXT[status] ?? status}
  </span>
);

/** Each parcel on its way: the carrier and the waybill to track it by. */
export const ShipmentLines = ({ shipments }: { shipments: ReadonlyArray<Shipment> }) =>
  shipments.length === 0 ? null : (
    <ul class="shipments">
      {shipments.map((s) => (
        <li class="shipment" data-waybill={s.waybill ?? ''}>
          <span class="shipment-carrier">{s.carrier ?? 'Courier'}</span> · waybill{' '}
          <span class="shipment-waybill">{s.waybill ?? '—'}</span>
        </li>
      ))}
    </ul>
  );
