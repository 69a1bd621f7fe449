import type { Order } from '../../../../shared/api/orderRecord';
import { mallTime } from '../mallTime';
import { carrierName } from './orderWords';

/**
 * An order's steps from the times it records (placed, paid, each parcel, how it ended): the hub
 * keeps no separate log of status changes, so this is the whole of what is known.
 */
const stepsOf = (order: Order): Array<{ at: number; text: string }> => {
  const ended: Partial<Record<Order['status'], string>> = {
    completed: 'Completed',
    cancelled: 'Cancelled',
    expired: 'Expired unpaid',
  };
  const end = ended[order.status];
  return [
    { at: order.createdAt, text: 'Placed' },
    ...(order.paidAt === null ? [] : [{ at: order.paidAt, text: 'Paid' }]),
    ...order.shipments.map((s) => ({
      at: s.shippedAt,
      text: `Shipped by ${carrierName(s.carrier)}${s.waybill ? `, waybill ${s.waybill}` : ''}`,
    })),
    ...(end ? [{ at: order.updatedAt, text: end }] : []),
  ].sort((a, b) => a.at - b.at);
};

export const OrderHistory = ({ order }: { order: Order }) => (
  <section class="panel">
    <h2>History</h2>
    <ol class="order-history" id="order-history">
      {stepsOf(order).map((step) => (
        <li>
          <time>{mallTime(step.at)}</time> {step.text}
        </li>
      ))}
      {order.status === 'unpaid' && order.expiresAt !== null && (
        <li class="muted">
          <time>{mallTime(order.expiresAt)}</time> Expires unless paid
        </li>
      )}
    </ol>
  </section>
);
