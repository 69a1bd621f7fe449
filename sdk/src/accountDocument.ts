import type * as Y from 'yjs';
import type { BookAddress } from '../../shared/checkout';
import {
  type AccountCoupon,
  ADDRESSES_MAP,
  ASSETS_MAP,
  type Assets,
  COUPONS_MAP,
  ORDERS_MAP,
  type OrderSummary,
} from '../../shared/docs/account';
import { type LiveView, liveView } from './liveView';

export type AccountOrder = OrderSummary & { orderId: string };
export type ClaimedCoupon = AccountCoupon & { claimId: string };

const EMPTY_ASSETS: Assets = { points: 0, balance: 0, tier: '', tags: [] };

const mapView = <T, R>(doc: Y.Doc, name: string, read: (map: Y.Map<T>) => R): LiveView<R> => {
  const map = doc.getMap<T>(name);
  return liveView(
    () => read(map),
    (changed) => {
      map.observeDeep(changed);
      return () => map.unobserveDeep(changed);
    },
  );
};

const entries = <T, K extends string>(map: Y.Map<T>, key: K) =>
  [...map.entries()].map(([id, value]) => ({ ...(value as T), [key]: id }) as T & Record<K, string>);

/** The account document (read-only: the hub writes it), as a storefront shows it. */
export const accountViews = (doc: Y.Doc) => ({
  /** Unpaid and recent orders, newest first. */
  orders: mapView<OrderSummary, AccountOrder[]>(doc, ORDERS_MAP, (map) =>
    entries(map, 'orderId').sort((a, b) => b.createdAt - a.createdAt),
  ),
  assets: mapView<unknown, Assets>(doc, ASSETS_MAP, (map) => ({
    ...EMPTY_ASSETS,
    ...(map.toJSON() as Partial<Assets>),
  })),
  coupons: mapView<AccountCoupon, ClaimedCoupon[]>(doc, COUPONS_MAP, (map) =>
    entries(map, 'claimId').sort((a, b) => b.claimedAt - a.claimedAt),
  ),
  /** The address book, the default first. */
  addresses: mapView<BookAddress, BookAddress[]>(doc, ADDRESSES_MAP, (map) =>
    [...map.values()].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.createdAt - b.createdAt),
  ),
});
