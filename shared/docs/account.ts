import type { Channel } from '../channels';
import type { BookAddress, DeliveryKind, PickupPointSnapshot, PostalAddress, Shipment } from '../checkout';

/**
 * The `account:<id>` document: read-only to clients, a mirror of the member's records in D1 that
 * the server rewrites in the same request as every change to them.
 */
export const ORDERS_MAP = 'orders';
export const ASSETS_MAP = 'assets';
export const COUPONS_MAP = 'coupons';
export const ADDRESSES_MAP = 'addresses';

/** `getMap('assets')`. Balance in fen. */
export interface Assets {
  points: number;
  balance: number;
  tier: string;
  tags: string[];
}

/** What a coupon offers, wherever it is shown: its terms, amounts in fen. */
export interface CouponOffer {
  title: string;
  kind: 'amount' | 'percent';
  value: number;
  minSpend: number;
  startsAt: number;
  endsAt: number;
  channels: Channel[];
}

/** `getMap('coupons')`: claim id → the claimed coupon. */
export interface AccountCoupon extends CouponOffer {
  couponId: number;
  status: 'claimed' | 'locked' | 'used' | 'expired';
  claimedChannel: Channel;
  claimedAt: number;
}

/**
 * `getMap('orders')`: order id → summary (unpaid and recent orders). `total` includes `freight`;
 * the address and pickup point are the order's snapshots; `shipments` its parcels, oldest first.
 */
export interface OrderSummary {
  status: string;
  channel: Channel;
  total: number;
  freight: number;
  payable: number;
  deliveryKind: DeliveryKind | null;
  shippingAddress: PostalAddress | null;
  pickupPoint: PickupPointSnapshot | null;
  shipments: Shipment[];
  createdAt: number;
}

/** An order's line in `getMap('orders')`. */
export const orderSummaryOf = (
  order: Omit<OrderSummary, 'shipments'> & { shipments?: ReadonlyArray<Shipment> },
): OrderSummary => ({
  status: order.status,
  channel: order.channel,
  total: order.total,
  freight: order.freight,
  payable: order.payable,
  deliveryKind: order.deliveryKind,
  shippingAddress: order.shippingAddress,
  pickupPoint: order.pickupPoint,
  shipments: (order.shipments ?? []).map(({ carrier, waybill, shippedAt }) => ({ carrier, waybill, shippedAt })),
  createdAt: order.createdAt,
});

/** Everything the account document shows, as plain data. */
export interface AccountContents {
  assets: Assets;
  coupons: Record<string, AccountCoupon>;
  orders: Record<string, OrderSummary>;
  /** `getMap('addresses')`: address id → the member's address book entry. */
  addresses: Record<string, BookAddress>;
}
