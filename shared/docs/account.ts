import type { Channel } from '../channels';

/**
 * The `account:<id>` document: read-only to clients, a mirror of the member's records in D1 that
 * the server rewrites in the same request as every change to them.
 */
export const ORDERS_MAP = 'orders';
export const ASSETS_MAP = 'assets';
export const COUPONS_MAP = 'coupons';

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

/** `getMap('orders')`: order id → summary (unpaid and recent orders). */
export interface OrderSummary {
  status: string;
  channel: Channel;
  total: number;
  payable: number;
  createdAt: number;
}

/** An order's line in `getMap('orders')`. */
export const orderSummaryOf = (order: OrderSummary): OrderSummary => ({
  status: order.status,
  channel: order.channel,
  total: order.total,
  payable: order.payable,
  createdAt: order.createdAt,
});

/** Everything the account document shows, as plain data. */
export interface AccountContents {
  assets: Assets;
  coupons: Record<string, AccountCoupon>;
  orders: Record<string, OrderSummary>;
}
