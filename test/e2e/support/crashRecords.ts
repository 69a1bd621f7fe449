import type { SkuState } from '../../../shared/docs/sku';
import type { BurstOp, OrderLines, Sent, Shopper } from './crashBurst';
import { memberAccount, memberOrders, orderDetail, type StoredOrder, type StoredPayment } from './hubApi';
import type { WranglerDev } from './wranglerDev';

/** Order states that no longer hold units (`shared/orders.ts`, CLOSED). */
const CLOSED_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'expired']);

export type OrderOp = Extract<BurstOp, { kind: 'order' }>;
export type PaymentOp = Extract<BurstOp, { kind: 'balancePayment' | 'providerPayment' }>;
export type PriceEditOp = Extract<BurstOp, { kind: 'priceEdit' }>;

export const isOrder = (s: Sent): s is Sent & { op: OrderOp } => s.op.kind === 'order';
export const isPayment = (s: Sent): s is Sent & { op: PaymentOp } =>
  s.op.kind === 'balancePayment' || s.op.kind === 'providerPayment';
export const isPriceEdit = (s: Sent): s is Sent & { op: PriceEditOp } => s.op.kind === 'priceEdit';
export const acknowledged = (s: Sent): boolean => s.outcome.kind === 'acknowledged';

/** Lines in one order, so two lists of the same lines compare equal. */
export const sortedLines = (lines: OrderLines): OrderLines =>
  lines.map(({ skuId, qty }) => ({ skuId, qty })).sort((a, b) => a.skuId.localeCompare(b.skuId));

/** What D1 holds for a set of shoppers after a restart: their orders with payments, and their balances. */
export interface StoredFacts {
  orders: Array<StoredOrder & { payments: StoredPayment[] }>;
  byKey: Map<string, StoredOrder & { payments: StoredPayment[] }>;
  byId: Map<string, StoredOrder & { payments: StoredPayment[] }>;
  balances: Map<string, number>;
}

export const readStoredFacts = async (hub: WranglerDev, shoppers: Shopper[]): Promise<StoredFacts> => {
  const listed = (await Promise.all(shoppers.map((s) => memberOrders(hub, s.token)))).flat();
  const orders = await Promise.all(listed.map((o) => orderDetail(hub, o.id)));
  const accounts = await Promise.all(shoppers.map((s) => memberAccount(hub, s.memberId)));
  return {
    orders,
    byKey: new Map(orders.flatMap((o) => (o.idempotencyKey ? [[o.idempotencyKey, o] as const] : []))),
    byId: new Map(orders.map((o) => [o.id, o])),
    balances: new Map(accounts.map((a) => [a.memberId, a.assets.balance])),
  };
};

export const succeededPayments = (order: { payments: StoredPayment[] }): StoredPayment[] =>
  order.payments.filter((p) => p.status === 'succeeded');

/** Units of `skuId` that stored orders still hold (reserved or sold: every order not cancelled or expired). */
export const heldUnits = (orders: StoredOrder[], skuId: string): number =>
  orders
    .filter((o) => !CLOSED_STATUSES.has(o.status))
    .flatMap((o) => o.items)
    .filter((line) => line.skuId === skuId)
    .reduce((sum, line) => sum + line.qty, 0);

/**
 * Units of `skuId` that placements cut off by the kill may still have reserved with no order
 * stored: the SKU room returns them a minute after the reservation (its hold check).
 */
export const unclaimedUnits = (sent: Sent[], facts: StoredFacts, skuId: string): number =>
  sent
    .filter(isOrder)
    .filter((s) => s.outcome.kind === 'cutOff' && !facts.byKey.has(s.op.idempotencyKey))
    .flatMap((s) => s.op.items)
    .filter((line) => line.skuId === skuId)
    .reduce((sum, line) => sum + line.qty, 0);

/**
 * The prices a SKU may show after the kill: that of its acknowledged edit with the highest rev,
 * or any edit cut off (it may have landed after); with no edit acknowledged, its first price too.
 */
export const possiblePrices = (sent: Sent[], skuId: string, firstPrice: number) => {
  const edits = sent.filter(isPriceEdit).filter((s) => s.op.skuId === skuId);
  const acked = edits.flatMap((s) => (s.outcome.kind === 'acknowledged' ? [s.outcome.answer as SkuState] : []));
  const last = acked.reduce<SkuState | null>((best, a) => (best === null || a.rev > best.rev ? a : best), null);
  const cutOff = edits.filter((s) => s.outcome.kind === 'cutOff').map((s) => s.op.price);
  return { lastAcknowledged: last, prices: [last?.price ?? firstPrice, ...cutOff] };
};
