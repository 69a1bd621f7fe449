import { useState } from 'hono/jsx';
import { CHANNEL_NAMES, CHANNELS } from '../../../../shared/channels';
import { yuan } from '../../../../shared/money';
import { ActionNotice, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';
import type { LiveSkus } from '../products/liveCatalog';
import { type FlashSaleRecord, localTime, STATUS_NAMES } from './saleRecords';

const whenOf = (ms: number) => localTime(ms).replace('T', ' ');

/**
 * One sale: its window, channels and price, each SKU's remaining stock live as the storefronts
 * see it, renamed or ended in place.
 */
export const SaleRow = ({
  sale,
  titles,
  live,
  onChanged,
}: {
  sale: FlashSaleRecord;
  titles: Record<string, string>;
  live: LiveSkus;
  onChanged: (sale: FlashSaleRecord) => void;
}) => {
  const action = useAction();
  const [name, setName] = useState(sale.name);
  const over = sale.status === 'ended' || sale.status === 'cancelled';
  const everywhere = CHANNELS.every((c) => sale.channels.includes(c));
  const run = async (method: 'PATCH' | 'DELETE', body?: unknown) => {
    const changed = await action.run(() =>
      adminCall<FlashSaleRecord>(method, `/api/admin/flash-sales/${sale.id}`, body),
    );
    if (changed) onChanged(changed);
  };
  return (
    <tr data-sale={sale.id}>
      <td>
        <input
          class="sale-name"
          aria-label="Sale name"
          value={name}
          onInput={(event: Event) => setName((event.target as HTMLInputElement).value)}
        />
      </td>
      <td>
        <span class="badge" data-tone={sale.status === 'live' ? undefined : 'muted'}>
          {STATUS_NAMES[sale.status]}
        </span>
      </td>
      <td>{everywhere ? 'All channels' : sale.channels.map((c) => CHANNEL_NAMES[c]).join(', ')}</td>
      <td class="price">{yuan(sale.price)}</td>
      <td class="sale-window">
        {whenOf(sale.startsAt)}
        <br />
        <small class="muted">to {whenOf(sale.endsAt)}</small>
      </td>
      <td>
        <ul class="sale-skus">
          {sale.skuIds.map((id) => (
            <li data-sale-sku={id}>
              {titles[id] ?? id}: <strong data-remaining>{live[id]?.stock ?? '…'}</strong> left
            </li>
          ))}
        </ul>
      </td>
      <td>
        <div class="row-actions">
          <button
            class="button"
            data-kind="quiet"
            type="button"
            disabled={action.busy || name === sale.name}
            onClick={() => run('PATCH', { name })}
          >
            Rename
          </button>
          {!over && (
            <button class="button" data-kind="quiet" type="button" disabled={action.busy} onClick={() => run('DELETE')}>
              End now
            </button>
          )}
          <ActionNotice action={action} />
        </div>
      </td>
    </tr>
  );
};
