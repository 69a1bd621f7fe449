import { useEffect, useState } from 'hono/jsx';
import type { Order } from '../../../../shared/api/orderRecord';
import { ActionNotice, useAction } from '../../refusals';
import { Link, type Place } from '../../router';
import { adminCall } from '../../staffSession';
import { type BatchOutcome, batchOf } from './batchShipping';
import { OrderFilters } from './OrderFilters';
import { OrderRow } from './OrderRow';
import { filtersOf, ORDER_FILTERS, orderListCall, orderListHref } from './orderQuery';
import { CARRIERS } from './orderWords';

interface OrderPage {
  orders: Order[];
  nextCursor: string | null;
}

/** The chosen orders' batch: one carrier for all, each order's own waybill, and the ship button. */
const BatchBar = ({
  waybills,
  onShipped,
}: {
  waybills: ReadonlyMap<string, string>;
  onShipped: (outcomes: BatchOutcome[]) => void;
}) => {
  const action = useAction();
  const [carrier, setCarrier] = useState('SF');
  const ship = async () => {
    const answer = await action.run(() =>
      adminCall<{ results: BatchOutcome[] }>('POST', '/api/admin/orders/ship', batchOf(waybills, carrier)),
    );
    if (answer) onShipped(answer.results);
  };
  return (
    <div class="batch-bar" id="batch-ship">
      <strong>{waybills.size} chosen</strong>
      <label class="inline-field">
        <span>Carrier</span>
        <select
          aria-label="Carrier for the batch"
          onChange={(event: Event) => setCarrier((event.target as HTMLSelectElement).value)}
        >
          {CARRIERS.map(([code, name]) => (
            <option value={code} selected={code === carrier}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button class="button" type="button" disabled={action.busy || waybills.size === 0} onClick={ship}>
        Ship chosen orders
      </button>
      <ActionNotice action={action} />
    </div>
  );
};

/** The orders list: filters and search kept in the address, a page at a time, chosen orders shipped together. */
export const OrderList = ({ place }: { place: Place }) => {
  const [page, setPage] = useState<OrderPage | null>(null);
  const [waybills, setWaybills] = useState<Map<string, string>>(new Map());
  const [outcomes, setOutcomes] = useState<Record<string, BatchOutcome>>({});
  const load = useAction();
  const filters = filtersOf(place.query);
  const call = orderListCall(place.query);
  const read = () => load.run(async () => setPage(await adminCall<OrderPage>('GET', call)));
  useEffect(() => {
    void read();
  }, [call]);
  const choose = (orderId: string, waybill: string | null) =>
    setWaybills((all) => {
      const next = new Map(all);
      if (waybill === null) next.delete(orderId);
      else next.set(orderId, waybill);
      return next;
    });
  const shipped = async (results: BatchOutcome[]) => {
    setOutcomes((all) => ({ ...all, ...Object.fromEntries(results.map((r) => [r.orderId, r])) }));
    setWaybills(new Map());
    await read();
  };
  return (
    <>
      <header class="screen-head">
        <h1>Orders</h1>
        <p class="muted">Every channel's orders; choose paid ones to ship them together.</p>
      </header>
      <OrderFilters filters={filters} load={load} />
      <section class="panel">
        <div class="list-head">
          <h2>{page ? `${page.orders.length} order${page.orders.length === 1 ? '' : 's'} on this page` : 'Orders'}</h2>
          <BatchBar waybills={waybills} onShipped={shipped} />
        </div>
        <ActionNotice action={load} fields={ORDER_FILTERS} />
        <div class="table-scroll">
          <table class="grid" id="order-list">
            <thead>
              <tr>
                <th />
                <th>Order</th>
                <th>Channel</th>
                <th>Buyer</th>
                <th>Items</th>
                <th class="number">Payable</th>
                <th>Status</th>
                <th>Waybill / outcome</th>
              </tr>
            </thead>
            <tbody>
              {(page?.orders ?? []).map((order) => (
                <OrderRow
                  order={order}
                  waybill={waybills.get(order.id)}
                  outcome={outcomes[order.id]}
                  onChoose={(chosen) => choose(order.id, chosen ? '' : null)}
                  onWaybill={(waybill) => choose(order.id, waybill)}
                />
              ))}
            </tbody>
          </table>
        </div>
        {page && page.orders.length === 0 && <p class="muted">No order matches these filters.</p>}
        <nav class="pager" aria-label="Pages">
          {place.query.get('cursor') && <Link href={orderListHref(filters)}>← First page</Link>}
          {page?.nextCursor && <Link href={orderListHref(filters, page.nextCursor)}>Next page →</Link>}
        </nav>
      </section>
    </>
  );
};
