import type { Order } from '../../../../shared/api/orderRecord';
import { CHANNEL_NAMES } from '../../../../shared/channels';
import { yuan } from '../../../../shared/money';
import { Link, screenHref } from '../../router';
import { mallTime } from '../mallTime';
import { type BatchOutcome, OUTCOME_NAMES } from './batchShipping';
import { SOURCE_NAMES, STATUS_NAMES, STATUS_TONES } from './orderWords';

const itemsText = (order: Order) => {
  const [first, ...rest] = order.items;
  if (!first) return '—';
  return rest.length === 0 ? `${first.title} × ${first.qty}` : `${first.title} × ${first.qty} and ${rest.length} more`;
};

/**
 * One order of the list: chosen for a batch with its waybill typed in its row, and the batch's
 * outcome for it shown on it, the hub's reason with a refusal.
 */
export const OrderRow = ({
  order,
  waybill,
  outcome,
  onChoose,
  onWaybill,
}: {
  order: Order;
  /** The waybill typed for it; undefined when the order is not chosen. */
  waybill: string | undefined;
  outcome: BatchOutcome | undefined;
  onChoose: (chosen: boolean) => void;
  onWaybill: (waybill: string) => void;
}) => (
  <tr data-order={order.id} data-status={order.status}>
    <td>
      <input
        type="checkbox"
        aria-label={`Choose ${order.id}`}
        checked={waybill !== undefined}
        onChange={(event: Event) => onChoose((event.target as HTMLInputElement).checked)}
      />
    </td>
    <td>
      <Link href={screenHref(`/orders/${order.id}`)} class="order-id">
        {order.id}
      </Link>
      <small class="muted">{mallTime(order.createdAt)}</small>
    </td>
    <td>
      {CHANNEL_NAMES[order.channel]}
      {order.source === 'minishop' && <small class="muted">{SOURCE_NAMES.minishop}</small>}
    </td>
    <td class="buyer-cell">{order.shippingAddress?.userName ?? order.pickupPoint?.name ?? '—'}</td>
    <td class="items-cell">{itemsText(order)}</td>
    <td class="number">{yuan(order.payable)}</td>
    <td>
      <span class="badge" data-tone={STATUS_TONES[order.status]}>
        {STATUS_NAMES[order.status]}
      </span>
    </td>
    <td class="batch-cell">
      {waybill !== undefined && (
        <input
          name="waybill"
          aria-label={`Waybill for ${order.id}`}
          placeholder="Waybill"
          value={waybill}
          onInput={(event: Event) => onWaybill((event.target as HTMLInputElement).value)}
        />
      )}
      {outcome && (
        <span class="batch-outcome" data-outcome={outcome.outcome}>
          <span class="badge" data-tone={outcome.outcome === 'shipped' ? 'ok' : 'muted'}>
            {OUTCOME_NAMES[outcome.outcome]}
          </span>
          {outcome.error && <small>{outcome.error.message}</small>}
        </span>
      )}
    </td>
  </tr>
);
