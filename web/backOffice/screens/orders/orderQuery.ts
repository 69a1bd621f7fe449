import { screenHref } from '../../router';

/** The order list's filters, as the address keeps them (`adminOrderQuerySchema` in `shared/api/orders.ts`). */
export const ORDER_FILTERS = ['q', 'status', 'channel', 'source', 'from', 'to'] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

export const filtersOf = (query: URLSearchParams): Partial<Record<OrderFilter, string>> =>
  Object.fromEntries(ORDER_FILTERS.flatMap((key) => (query.get(key) ? [[key, query.get(key) as string]] : [])));

/** The list's address: its filters and, past the first page, where the page starts. */
export const orderListHref = (filters: Partial<Record<OrderFilter, string>>, cursor?: string): string =>
  screenHref('/orders', { ...filters, cursor });

/** The admin API call for one page of the list. */
export const orderListCall = (query: URLSearchParams): string => {
  const call = new URLSearchParams(filtersOf(query));
  const cursor = query.get('cursor');
  if (cursor) call.set('cursor', cursor);
  return `/api/admin/orders?${call.toString()}`;
};
