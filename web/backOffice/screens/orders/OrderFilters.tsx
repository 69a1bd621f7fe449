import { CHANNEL_NAMES, CHANNELS } from '../../../../shared/channels';
import { ORDER_SOURCES, ORDER_STATUSES } from '../../../../shared/orders';
import { type Action, Field } from '../../refusals';
import { navigate } from '../../router';
import { ORDER_FILTERS, type OrderFilter, orderListHref } from './orderQuery';
import { SOURCE_NAMES, STATUS_NAMES } from './orderWords';

const Choice = ({
  name,
  label,
  value,
  options,
  action,
}: {
  name: OrderFilter;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<readonly [string, string]>;
  action: Action;
}) => (
  <Field label={label} name={name} action={action}>
    <select name={name}>
      <option value="">Any</option>
      {options.map(([option, text]) => (
        <option value={option} selected={option === value}>
          {text}
        </option>
      ))}
    </select>
  </Field>
);

/**
 * The list's filters and search: applying them changes the address (so a link or a reload keeps
 * them) and starts again at the first page; the hub's refusal of one is shown under it.
 */
export const OrderFilters = ({ filters, load }: { filters: Partial<Record<OrderFilter, string>>; load: Action }) => {
  const apply = (event: Event) => {
    event.preventDefault();
    const values = new FormData(event.currentTarget as HTMLFormElement);
    navigate(orderListHref(Object.fromEntries(ORDER_FILTERS.map((key) => [key, String(values.get(key) ?? '')]))));
  };
  return (
    <form class="panel toolbar" id="order-filters" aria-label="Find orders" onSubmit={apply}>
      <Field label="Order id or buyer's phone" name="q" action={load}>
        <input name="q" type="search" value={filters.q ?? ''} placeholder="ord_… or 138 0013 8000" />
      </Field>
      <Choice
        name="status"
        label="Status"
        value={filters.status}
        options={ORDER_STATUSES.map((s) => [s, STATUS_NAMES[s]])}
        action={load}
      />
      <Choice
        name="channel"
        label="Channel"
        value={filters.channel}
        options={CHANNELS.map((c) => [c, CHANNEL_NAMES[c]])}
        action={load}
      />
      <Choice
        name="source"
        label="Source"
        value={filters.source}
        options={ORDER_SOURCES.map((s) => [s, SOURCE_NAMES[s]])}
        action={load}
      />
      <Field label="Placed from" name="from" action={load}>
        <input name="from" type="date" value={filters.from ?? ''} />
      </Field>
      <Field label="Placed to" name="to" action={load}>
        <input name="to" type="date" value={filters.to ?? ''} />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit">
          Find
        </button>
        <button class="button" data-kind="quiet" type="button" onClick={() => navigate(orderListHref({}))}>
          Clear
        </button>
      </div>
    </form>
  );
};
