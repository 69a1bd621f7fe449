import type { Channel } from '../../../shared/channels';
import type { DeliveryKind, PostalAddress, Shipment } from '../../../shared/checkout';
import type { Checks } from '../../../shared/docs/monitor';
import type { SkuState } from '../../../shared/docs/sku';
import type { OrderStatus } from '../../../shared/orders';
import { DEVELOPMENT_SMS_CODE } from './developmentSmsCode';
import { E2E_ADMIN_TOKEN } from './wranglerDev';

/** Where the hub answers: a WranglerDev, or the benchmarks' Hub. */
export interface HubAddress {
  readonly httpUrl: string;
}

export interface ChannelSync {
  connected: number;
  samples: number;
  lastMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface SkuSync {
  room: string;
  channels: Record<Channel, ChannelSync>;
}

const ADMIN_HEADERS = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

/** The hub answered, but not with the status the call expected (a refusal or an error). */
export class UnexpectedAnswer extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Calls the hub; throws with the response body unless the status is `expected`. */
export const call = async <T>(
  hub: HubAddress,
  method: string,
  path: string,
  expected: number,
  options: { body?: unknown; admin?: boolean; token?: string; headers?: Record<string, string> } = {},
): Promise<T> => {
  const headers: Record<string, string> = { ...(options.admin ? ADMIN_HEADERS : {}), ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${hub.httpUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new UnexpectedAnswer(
      `${method} ${path}: expected ${expected}, got ${response.status}: ${text}`,
      response.status,
    );
  }
  return JSON.parse(text) as T;
};

/** A single-use monitor socket ticket (`POST /api/admin/socket-tickets` with the API key), for `?ticket=`. */
export const socketTicket = async (hub: HubAddress): Promise<string> =>
  (await call<{ ticket: string }>(hub, 'POST', '/api/admin/socket-tickets', 201, { admin: true })).ticket;

/** `POST /api/admin/products` with one SKU; returns that SKU. */
export const createSku = async (hub: HubAddress, title: string, price: number, stock = 50): Promise<SkuState> => {
  const created = await call<{ productId: string; skus: SkuState[] }>(hub, 'POST', '/api/admin/products', 201, {
    admin: true,
    body: { title, skus: [{ title: `${title} / one size`, price, stock }] },
  });
  const sku = created.skus[0];
  if (!sku) throw new Error(`product ${created.productId} came back without a SKU`);
  return sku;
};

/** `PATCH /api/admin/skus/<id>` as the operator; returns the new state. */
export const patchSku = (
  hub: HubAddress,
  skuId: string,
  patch: Partial<Pick<SkuState, 'price' | 'stock' | 'listed'>>,
) => call<SkuState>(hub, 'PATCH', `/api/admin/skus/${skuId}`, 200, { admin: true, body: patch });

/** `POST /api/admin/products` from a full body; returns the product's id and its SKUs' states. */
export const createProduct = (hub: HubAddress, body: Record<string, unknown>) =>
  call<{ productId: string; skus: SkuState[] }>(hub, 'POST', '/api/admin/products', 201, { admin: true, body });

/** `PATCH /api/admin/products/<id>` (content or status) as the operator. */
export const patchProduct = (hub: HubAddress, productId: string, patch: Record<string, unknown>) =>
  call<unknown>(hub, 'PATCH', `/api/admin/products/${productId}`, 200, { admin: true, body: patch });

/** `PUT /api/admin/products/<id>/options`: the product's whole option list, as the operator edits it. */
export const putOptions = (hub: HubAddress, productId: string, body: Record<string, unknown>) =>
  call<unknown>(hub, 'PUT', `/api/admin/products/${productId}/options`, 200, { admin: true, body });

/** `POST /api/admin/flash-sales`; returns the sale's id. */
export const createFlashSale = (hub: HubAddress, body: Record<string, unknown>) =>
  call<{ id: string }>(hub, 'POST', '/api/admin/flash-sales', 201, { admin: true, body });

/** `PATCH /api/admin/flash-sales/<id>`: a new name. */
export const renameFlashSale = (hub: HubAddress, saleId: string, name: string) =>
  call<unknown>(hub, 'PATCH', `/api/admin/flash-sales/${saleId}`, 200, { admin: true, body: { name } });

/** `GET /api/skus/<id>`: the public live state. */
export const getSku = (hub: HubAddress, skuId: string) => call<SkuState>(hub, 'GET', `/api/skus/${skuId}`, 200);

/** `GET /api/admin/skus/<id>/sync`: per-channel connections and acknowledgement latency. */
export const getSkuSync = (hub: HubAddress, skuId: string) =>
  call<SkuSync>(hub, 'GET', `/api/admin/skus/${skuId}/sync`, 200, { admin: true });

/** What every login answers. */
export interface Session {
  token: string;
  memberId: string;
}

/** Logs `phone` in on `channel` with an SMS code, as a storefront does. */
export const phoneLogin = async (hub: HubAddress, phone: string, channel: Channel): Promise<Session> => {
  await call(hub, 'POST', '/api/auth/phone/code', 200, { body: { channel, phone } });
  return call<Session>(hub, 'POST', '/api/auth/phone', 200, { body: { channel, phone, code: DEVELOPMENT_SMS_CODE } });
};

/** `POST /api/admin/coupons`: an amount-off coupon valid for a day from now. */
export const createCoupon = (hub: HubAddress, title: string, value: number) =>
  call<{ id: number }>(hub, 'POST', '/api/admin/coupons', 201, {
    admin: true,
    body: {
      title,
      kind: 'amount',
      value,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 86_400_000,
      totalQuantity: 10,
    },
  });

/** `POST /api/coupons/<id>/claim` as the member the token names. */
export const claimCoupon = (hub: HubAddress, token: string, couponId: number) =>
  call<{ claimId: number }>(hub, 'POST', `/api/coupons/${couponId}/claim`, 201, { token });

/** `POST /api/admin/members/<id>/balance`: tops up (or takes from) a member's balance, in fen. */
export const adjustBalance = (hub: HubAddress, memberId: string, delta: number) =>
  call(hub, 'POST', `/api/admin/members/${memberId}/balance`, 200, {
    admin: true,
    body: { delta, reason: 'top-up' },
  });

/** What the order endpoints answer: `total` is goods plus `freight`, the address the order's own copy. */
export interface PlacedOrder {
  id: string;
  status: string;
  channel: Channel;
  total: number;
  freight: number;
  payable: number;
  deliveryKind: DeliveryKind | null;
  shippingAddress: PostalAddress | null;
  items: Array<{ skuId: string; title: string; price: number; qty: number }>;
  shipments: Shipment[];
}

/** How an order reaches the buyer (README, "Checkout"). */
export type Delivery =
  | { kind: 'express' | 'same_city'; addressId: string }
  | { kind: 'self_pickup'; pickupPointId: string };

/** `POST /api/orders` (a fresh idempotency key unless given), as the member the token names, on the token's channel. */
export const placeOrder = (
  hub: HubAddress,
  token: string,
  body: { items: Array<{ skuId: string; qty: number }>; delivery?: Delivery },
  idempotencyKey: string = crypto.randomUUID(),
) =>
  call<PlacedOrder>(hub, 'POST', '/api/orders', 201, {
    token,
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

/** An order as D1 stores it, with its lines. */
export interface StoredOrder {
  id: string;
  memberId: string;
  status: OrderStatus;
  payable: number;
  idempotencyKey: string | null;
  items: Array<{ skuId: string; qty: number }>;
}

/** A payment as D1 stores it. */
export interface StoredPayment {
  id: string;
  orderId: string;
  method: 'balance' | 'provider';
  status: 'pending' | 'succeeded' | 'refused';
  amount: number;
  /** Where the shopper pays a provider payment (the development provider's page completes it). */
  payUrl: string | null;
}

/** `GET /api/orders`: the member's newest orders (50 at most), with their lines. */
export const memberOrders = async (hub: HubAddress, token: string) =>
  (await call<{ orders: StoredOrder[] }>(hub, 'GET', '/api/orders', 200, { token })).orders;

/** `GET /api/admin/orders/<id>`: any member's order in full, with its payments. */
export const orderDetail = (hub: HubAddress, orderId: string) =>
  call<StoredOrder & { payments: StoredPayment[] }>(hub, 'GET', `/api/admin/orders/${orderId}`, 200, { admin: true });

/** `POST /api/orders/<id>/pay` through the payment provider: the order with its pending payment. */
export const payByProvider = (hub: HubAddress, token: string, orderId: string) =>
  call<PlacedOrder & { payment: StoredPayment }>(hub, 'POST', `/api/orders/${orderId}/pay`, 200, {
    token,
    body: { method: 'provider' },
  });

/** `POST /api/payments/dev/<id>/complete`: the development provider collects the payment and notifies the hub. */
export const completeDevelopmentPayment = (hub: HubAddress, paymentId: string) =>
  call<StoredPayment>(hub, 'POST', `/api/payments/dev/${paymentId}/complete`, 200);

/** `GET /api/admin/members/<id>/account`: the member's assets, as D1's ledgers sum them. */
export const memberAccount = (hub: HubAddress, memberId: string) =>
  call<{ memberId: string; assets: { points: number; balance: number } }>(
    hub,
    'GET',
    `/api/admin/members/${memberId}/account`,
    200,
    { admin: true },
  );

/** `POST /api/admin/monitor/checks`: both consistency checks (rooms against D1), run now. */
export const runConsistencyChecks = (hub: HubAddress) =>
  call<Checks>(hub, 'POST', '/api/admin/monitor/checks', 200, { admin: true });

/** `POST /api/orders/<id>/pay` from the balance, on whichever channel the token was issued for. */
export const payFromBalance = (hub: HubAddress, token: string, orderId: string) =>
  call<PlacedOrder>(hub, 'POST', `/api/orders/${orderId}/pay`, 200, { token, body: { method: 'balance' } });
