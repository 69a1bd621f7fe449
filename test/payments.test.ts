import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { balanceLedger, memberCoupons, orders, payments, pointsLedger } from '../schema';
import type { Session } from '../shared/api/auth';
import { ASSETS_MAP, ORDERS_MAP } from '../shared/docs/account';
import { CATALOG_MAP, type CatalogEntry, SKU_MAP, type SkuState } from '../shared/docs/sku';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import { app } from '../workers/edge/app';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { FINISH_CHECK_MS, FINISH_TASK } from '../workers/orders/finishPayment';
import { notePaying } from '../workers/orders/openOrders';
import { httpPayment } from '../workers/orders/providers/httpPayment';
import { signNotification } from '../workers/orders/providers/notificationSignature';
import { paymentProvider } from '../workers/orders/providers/paymentProvider';
import { ORDER_PAYMENT, ORDER_POINTS, payFromBalance } from '../workers/orders/records/paymentSettlement';
import { AlarmSchedule } from '../workers/platform/alarmSchedule';
import { clock } from '../workers/platform/clock';
import { database } from '../workers/records/db';
import { accountClient, adjust, createCoupon } from './support/account';
import { moveClock } from './support/clock';
import { admin, createProduct, firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { expireOrders, pastDue, placedOrder, skuState } from './support/orders';
import { completePayment, notifyPayment, type PayAnswer, payOrder } from './support/payments';
import { RoomClient } from './support/roomClient';

const db = database(env.DB);

const balanceRows = (memberId: string) => db.select().from(balanceLedger).where(eq(balanceLedger.memberId, memberId));
const pointsRows = (memberId: string) => db.select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId));
const paymentRows = (orderId: string) => db.select().from(payments).where(eq(payments.orderId, orderId));
const storedOrder = async (orderId: string) =>
  (await db.query.orders.findFirst({ where: eq(orders.id, orderId) }))?.status;

const orderStatus = (account: RoomClient, orderId: string) =>
  (account.doc.getMap(ORDERS_MAP).get(orderId) as { status: string } | undefined)?.status;

/**
 * A member (logged in on `mini`, by `phone`) with `balance` fen to spend and one unpaid order,
 * placed on `mini`, of `qty` units of a fresh SKU priced `price`.
 */
const shopperWithOrder = async (options: { balance?: number; price?: number; qty?: number } = {}) => {
  const sku = await firstSku();
  if (options.price !== undefined) await patchSku(sku.skuId, { price: options.price });
  const phone = freshPhone();
  const member = await phoneLogin(phone, 'mini');
  if (options.balance) await adjust(member.memberId, 'balance', { delta: options.balance, reason: 'top-up' });
  const qty = options.qty ?? 1;
  const order = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty }] });
  return { sku, phone, member, order, qty };
};

/** Opens a provider payment for the order and answers it. */
const providerPayment = async (member: Session, orderId: string) => {
  const response = await payOrder(member.token, orderId, 'provider');
  expect(response.status).toBe(200);
  const { payment } = await response.json<PayAnswer>();
  if (!payment) throw new Error('no payment opened');
  return payment;
};

describe('paying by balance', () => {
  it('pays on app an order placed on mini: paid on every channel, balance down, points by tier, stock sold for good', async () => {
    const tier = {
      id: `p${crypto.randomUUID().slice(0, 8)}`,
      title: 'Double',
      minPoints: 40_000_000,
      pointsPercent: 200,
    };
    expect((await admin('POST', '/api/admin/tiers', tier)).status).toBe(201);
    const { sku, phone, member, order } = await shopperWithOrder({ balance: 50_000, price: 1234, qty: 2 });
    await adjust(member.memberId, 'points', { delta: 40_000_000, reason: 'reach the tier' });
    const onApp = await phoneLogin(phone, 'app');
    expect(onApp.memberId).toBe(member.memberId);
    const onH5 = await accountClient(await phoneLogin(phone, 'h5'), 'h5');
    await onH5.until(() => orderStatus(onH5, order.id) === 'unpaid', 'the order unpaid on h5');

    const payingAt = clock.now();
    const response = await payOrder(onApp.token, order.id, 'balance');
    expect(response.status).toBe(200);
    const paid = await response.json<PayAnswer>();
    expect(paid).toMatchObject({ id: order.id, status: 'paid', channel: 'mini', payable: 2468 });
    // Stamped when it was paid: after the request was sent, before its answer came back.
    expect(paid.paidAt).toBeGreaterThanOrEqual(payingAt);
    expect(paid.paidAt).toBeLessThanOrEqual(clock.now());
    expect(paid.payment).toMatchObject({ method: 'balance', status: 'succeeded', amount: 2468 });

    // 24 whole yuan at the tier's 200 %
    const assets = onH5.doc.getMap(ASSETS_MAP);
    await onH5.until(
      () => orderStatus(onH5, order.id) === 'paid' && assets.get('points') === 40_000_048,
      'paid and the points on h5',
    );
    expect(assets.get('balance')).toBe(50_000 - 2468);
    expect((await balanceRows(member.memberId)).map((r) => [r.delta, r.reason, r.orderId])).toEqual([
      [50_000, 'top-up', null],
      [-2468, ORDER_PAYMENT, order.id],
    ]);
    expect((await pointsRows(member.memberId)).at(-1)).toMatchObject({
      delta: 48,
      reason: ORDER_POINTS,
      orderId: order.id,
    });

    await expireOrders(member.memberId);
    await skuRoomOf(env, sku.skuId).release(order.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 2);
    expect(await storedOrder(order.id)).toBe('paid');
  });

  it('refuses a balance short of the payable amount and changes nothing', async () => {
    const { sku, member, order } = await shopperWithOrder({ balance: 999, price: 1000 });
    const response = await payOrder(member.token, order.id, 'balance');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'insufficient_balance' } });
    expect(await storedOrder(order.id)).toBe('unpaid');
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([999]);
    expect(await pointsRows(member.memberId)).toEqual([]);
    expect(await paymentRows(order.id)).toEqual([]);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);
  });

  it('charges once however often the order is paid, in parallel or again later', async () => {
    const { member, order } = await shopperWithOrder({ balance: 10_000, price: 1500 });
    const parallel = await Promise.all([1, 2, 3].map(() => payOrder(member.token, order.id, 'balance')));
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200]);
    const again = await (await payOrder(member.token, order.id, 'balance')).json<PayAnswer>();
    const answers = [...(await Promise.all(parallel.map((r) => r.json<PayAnswer>()))), again];
    expect(new Set(answers.map((a) => `${a.status} ${a.payment?.id}`)).size).toBe(1);
    expect(again.status).toBe('paid');
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([10_000, -1500]);
    expect((await pointsRows(member.memberId)).map((r) => r.delta)).toEqual([15]);
    expect(await paymentRows(order.id)).toHaveLength(1);
  });

  it('refuses to pay an order past its expiry, expiring it and giving its stock back', async () => {
    const { sku, member, order } = await shopperWithOrder({ balance: 10_000 });
    pastDue();
    const late = await payOrder(member.token, order.id, 'balance');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'order_expired' } });
    expect(await storedOrder(order.id)).toBe('expired');
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([10_000]);

    const second = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    await expireOrders(member.memberId);
    expect(await (await payOrder(member.token, second.id, 'provider')).json()).toMatchObject({
      error: { code: 'order_expired' },
    });
    const third = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    await shopper('POST', `/api/orders/${third.id}/cancel`, undefined, member.token);
    expect(await (await payOrder(member.token, third.id, 'balance')).json()).toMatchObject({
      error: { code: 'order_cancelled' },
    });
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
    expect(await paymentRows(second.id)).toEqual([]);
  });

  it('finishes a payment cut short after its D1 batch: a retried pay or the expiry alarm sells the stock', async () => {
    const { sku, member, order } = await shopperWithOrder({ balance: 10_000 });
    const cutShort = async (orderId: string, payable: number) => {
      const settlement = { orderId, memberId: member.memberId, amount: payable, points: 0, now: Date.now() };
      expect(await payFromBalance(db, { ...settlement, paymentId: `pay_${crypto.randomUUID().slice(0, 8)}` })).toBe(
        true,
      );
    };
    await cutShort(order.id, order.payable);
    const retried = await payOrder(member.token, order.id, 'balance');
    expect(await retried.json()).toMatchObject({ status: 'paid', payment: { method: 'balance' } });
    await skuRoomOf(env, sku.skuId).release(order.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);

    const second = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 2 }] });
    await cutShort(second.id, second.payable);
    await expireOrders(member.memberId);
    await skuRoomOf(env, sku.skuId).release(second.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 3);
    expect(await storedOrder(second.id)).toBe('paid');
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([10_000, -sku.price, -2 * sku.price]);
  });

  it('finishes a payment a crash cut off after its D1 batch within seconds of the restart, not at expiry', async () => {
    const { sku, member, order } = await shopperWithOrder({ balance: 10_000 });
    const room = memberRoomOf(env, member.memberId);
    // What a balance payment leaves when the object dies between its D1 batch and its finish:
    // the note that it began (with the alarm it asked for), and the payment in D1.
    await runInDurableObject(room, async (_, state) => {
      notePaying(state.storage.sql, order.id, clock.now());
      await new AlarmSchedule(state.storage).runBy(FINISH_TASK, clock.now() + FINISH_CHECK_MS);
    });
    const settlement = { orderId: order.id, memberId: member.memberId, amount: order.payable, points: 0 };
    expect(await payFromBalance(db, { ...settlement, paymentId: 'pay_cutoff1', now: clock.now() })).toBe(true);
    await evictDurableObject(room);

    const account = await accountClient(member, 'mini');
    expect(orderStatus(account, order.id)).toBe('unpaid');
    moveClock(FINISH_CHECK_MS);
    expect(await runDurableObjectAlarm(room)).toBe(true);
    await account.until(() => orderStatus(account, order.id) === 'paid', 'the order paid on the account room');
    expect(account.doc.getMap(ASSETS_MAP).get('balance')).toBe(10_000 - order.payable);
    await skuRoomOf(env, sku.skuId).release(order.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);
  });

  it('drops the note of a payment that never reached D1, leaving the order unpaid and payable', async () => {
    const { member, order } = await shopperWithOrder({ balance: 10_000 });
    const room = memberRoomOf(env, member.memberId);
    await runInDurableObject(room, async (_, state) => {
      notePaying(state.storage.sql, order.id, clock.now());
      await new AlarmSchedule(state.storage).runBy(FINISH_TASK, clock.now() + FINISH_CHECK_MS);
    });
    await evictDurableObject(room);
    moveClock(FINISH_CHECK_MS);
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect(await storedOrder(order.id)).toBe('unpaid');
    expect(await (await payOrder(member.token, order.id, 'balance')).json()).toMatchObject({ status: 'paid' });
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([10_000, -order.payable]);
  });

  it('marks the order’s coupon used once it is paid', async () => {
    const sku = await firstSku();
    const coupon = await createCoupon({ kind: 'amount', value: 100 });
    const member = await phoneLogin(freshPhone(), 'pc');
    await adjust(member.memberId, 'balance', { delta: 10_000, reason: 'top-up' });
    await shopper('POST', `/api/coupons/${coupon.id}/claim`, undefined, member.token);
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 1 }],
      couponId: coupon.id,
    });
    expect((await payOrder(member.token, order.id, 'balance')).status).toBe(200);
    const claim = await db.query.memberCoupons.findFirst({ where: eq(memberCoupons.memberId, member.memberId) });
    expect(claim).toMatchObject({ status: 'used', orderId: order.id });
    expect((await balanceRows(member.memberId)).at(-1)?.delta).toBe(-(sku.price - 100));
  });
});

describe('sales figures', () => {
  it('grow on every SKU of the product, in its rooms and the catalog, once an order is paid (not when placed)', async () => {
    const product = await createProduct(2);
    const [first, second] = product.skus as [SkuState, SkuState];
    const catalog = await RoomClient.connect('catalog', 'pc');
    const sibling = await RoomClient.connect(`sku:${second.skuId}`, 'h5');
    const member = await phoneLogin(freshPhone(), 'mini');
    const order = await placedOrder(member.token, { items: [{ skuId: first.skuId, qty: 3 }] });
    expect((await skuState(first.skuId)).sales).toBe(0);

    await adjust(member.memberId, 'balance', { delta: order.payable, reason: 'top-up' });
    expect((await payOrder(member.token, order.id, 'balance')).status).toBe(200);
    expect((await skuState(first.skuId)).sales).toBe(3);
    await sibling.until(() => sibling.doc.getMap(SKU_MAP).get('sales') === 3, 'the sibling SKU showing 3 sold');
    await catalog.until(
      () => (catalog.doc.getMap(CATALOG_MAP).get(second.skuId) as CatalogEntry | undefined)?.sales === 3,
      'the catalog showing 3 sold',
    );
  });
});

describe('paying through the provider', () => {
  it('opens a payment, completes it through the signed callback, and pays the order once', async () => {
    const { sku, member, order } = await shopperWithOrder({ price: 2599 });
    const account = await accountClient(member, 'mini');
    const payment = await providerPayment(member, order.id);
    expect(payment).toMatchObject({
      orderId: order.id,
      method: 'provider',
      status: 'pending',
      amount: 2599,
      payUrl: `/api/payments/dev/${payment.id}/complete`,
    });
    expect((await providerPayment(member, order.id)).id).toBe(payment.id);
    expect(await storedOrder(order.id)).toBe('unpaid');

    const completed = await completePayment(payment.id);
    expect(completed.status).toBe(200);
    expect(await completed.json()).toMatchObject({ id: payment.id, status: 'succeeded' });
    expect(await storedOrder(order.id)).toBe('paid');
    await account.until(
      () => orderStatus(account, order.id) === 'paid' && account.doc.getMap(ASSETS_MAP).get('points') === 25,
      'paid and the points on the account',
    );
    expect(await balanceRows(member.memberId)).toEqual([]);

    const repeated = await notifyPayment({ paymentId: payment.id, amount: 2599 });
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toMatchObject({ id: payment.id, status: 'succeeded' });
    expect((await pointsRows(member.memberId)).map((r) => r.delta)).toEqual([25]);
    const paidAgain = await (await payOrder(member.token, order.id, 'provider')).json<PayAnswer>();
    expect(paidAgain).toMatchObject({ status: 'paid', payment: { id: payment.id } });
    expect(await paymentRows(order.id)).toHaveLength(1);

    await expireOrders(member.memberId);
    await skuRoomOf(env, sku.skuId).release(order.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);
  });

  it('answers 401 to a missing or wrong signature and changes nothing', async () => {
    const { member, order } = await shopperWithOrder();
    const payment = await providerPayment(member, order.id);
    const notice = { paymentId: payment.id, amount: payment.amount };
    const forged = await signNotification('not-the-secret', JSON.stringify(notice));
    const otherBody = await signNotification(env.PAYMENT_SECRET, JSON.stringify({ ...notice, amount: 1 }));
    for (const signature of [null, '', 'abc', forged, otherBody]) {
      const response = await notifyPayment(notice, signature);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_signature' } });
    }
    expect(await paymentRows(order.id)).toMatchObject([{ status: 'pending' }]);
    expect(await storedOrder(order.id)).toBe('unpaid');
    expect(await pointsRows(member.memberId)).toEqual([]);

    const unknown = await notifyPayment({ paymentId: 'pay_nope', amount: 1 });
    expect(unknown.status).toBe(404);
    for (const [body, field] of [
      [{ paymentId: payment.id }, 'amount'],
      [{ ...notice, amount: 1.5 }, 'amount'],
      [{ ...notice, extra: true }, 'extra'],
    ] as const) {
      const response = await notifyPayment(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
    expect((await completePayment('pay_nope')).status).toBe(404);
    expect(await paymentRows(order.id)).toMatchObject([{ status: 'pending' }]);
  });

  it('refuses a notification after the order expired or was cancelled: the order stays closed', async () => {
    const { sku, member, order } = await shopperWithOrder();
    const payment = await providerPayment(member, order.id);
    await expireOrders(member.memberId);
    const late = await completePayment(payment.id);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ id: payment.id, status: 'refused', reason: 'order_expired' });
    expect(await storedOrder(order.id)).toBe('expired');
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
    expect(await pointsRows(member.memberId)).toEqual([]);

    const cancelled = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const unused = await providerPayment(member, cancelled.id);
    await shopper('POST', `/api/orders/${cancelled.id}/cancel`, undefined, member.token);
    expect(await (await completePayment(unused.id)).json()).toMatchObject({
      status: 'refused',
      reason: 'order_cancelled',
    });
    expect(await storedOrder(cancelled.id)).toBe('cancelled');

    // past its expiry, before the alarm came
    const due = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const tooLate = await providerPayment(member, due.id);
    pastDue();
    expect(await (await completePayment(tooLate.id)).json()).toMatchObject({
      status: 'refused',
      reason: 'order_expired',
    });
    expect(await storedOrder(due.id)).toBe('expired');
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
  });

  it('refuses a payment for the wrong amount, or for an order already paid another way', async () => {
    const { member, order } = await shopperWithOrder({ balance: 5000, price: 1000 });
    const short = await providerPayment(member, order.id);
    const wrong = await notifyPayment({ paymentId: short.id, amount: 999 });
    expect(await wrong.json()).toMatchObject({ status: 'refused', reason: 'amount_mismatch' });
    expect(await storedOrder(order.id)).toBe('unpaid');

    const second = await providerPayment(member, order.id);
    expect(second.id).not.toBe(short.id);
    expect((await payOrder(member.token, order.id, 'balance')).status).toBe(200);
    expect(await (await completePayment(second.id)).json()).toMatchObject({ status: 'refused', reason: 'order_paid' });
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([5000, -1000]);
    expect((await pointsRows(member.memberId)).map((r) => r.delta)).toEqual([10]);
  });
});

describe('paying: bad requests', () => {
  it('answers 400 naming the field, 401 without a token, 404 for another member’s or an unknown order', async () => {
    const { member, order } = await shopperWithOrder({ balance: 5000 });
    for (const [body, field] of [
      [{ method: 'card' }, 'method'],
      [{}, 'method'],
      [{ method: 'balance', amount: 1 }, 'amount'],
    ] as const) {
      const response = await shopper('POST', `/api/orders/${order.id}/pay`, body, member.token);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
    expect((await payOrder(undefined, order.id, 'balance')).status).toBe(401);
    const other = await phoneLogin(freshPhone(), 'h5');
    expect((await payOrder(other.token, order.id, 'balance')).status).toBe(404);
    expect((await payOrder(member.token, 'ord_nope', 'balance')).status).toBe(404);
    expect((await payOrder(member.token, 'not an id!', 'balance')).status).toBe(400);
    expect(await storedOrder(order.id)).toBe('unpaid');
    expect((await balanceRows(member.memberId)).map((r) => r.delta)).toEqual([5000]);
  });

  it('does not take payment for a Mini-Shop order', async () => {
    const member = await phoneLogin(freshPhone(), 'mini');
    const id = `ord_ms${crypto.randomUUID().slice(0, 8)}`;
    const at = Date.now();
    const row = { memberId: member.memberId, status: 'unpaid', channel: 'mini', source: 'minishop' } as const;
    await db.insert(orders).values({ id, ...row, total: 100, payable: 100, createdAt: at, updatedAt: at });
    const response = await payOrder(member.token, id, 'provider');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'order_minishop' } });
    expect(await paymentRows(id)).toEqual([]);
  });

  it('has no completion route unless the provider is the development one', async () => {
    const { member, order } = await shopperWithOrder();
    const payment = await providerPayment(member, order.id);
    const asDeployed = { ...env, PAYMENT_PROVIDER: 'real' as const };
    const response = await app.request(`/api/payments/dev/${payment.id}/complete`, { method: 'POST' }, asDeployed);
    expect(response.status).toBe(404);
    expect(await paymentRows(order.id)).toMatchObject([{ status: 'pending' }]);
  });
});

describe('the payment gateway (answered by a stub)', () => {
  const gatewayEnv = {
    ...env,
    PAYMENT_PROVIDER: 'real' as const,
    PAYMENT_API_URL: 'https://pay.example/v1',
    PAYMENT_API_KEY: 'gateway-key',
    PAYMENT_NOTIFY_URL: 'https://mall.example/api/payments/callback',
  };
  const request = {
    paymentId: 'pay_1',
    orderId: 'ord_1',
    amount: 2599,
    expiresAt: 1_800_000_000_000,
    description: 'x',
  };

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is chosen by PAYMENT_PROVIDER, creates payments at PAYMENT_API_URL with the order’s expiry, checks signatures', async () => {
    expect(await paymentProvider(env).create(request)).toEqual({
      providerRef: 'dev_pay_1',
      payUrl: '/api/payments/dev/pay_1/complete',
    });
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => Response.json({ id: 'gw_9', payUrl: 'https://pay.example/p/gw_9' }));
    expect(await paymentProvider(gatewayEnv).create(request)).toEqual({
      providerRef: 'gw_9',
      payUrl: 'https://pay.example/p/gw_9',
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe('https://pay.example/v1/payments');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer gateway-key');
    expect(JSON.parse(String(init?.body))).toEqual({
      reference: 'pay_1',
      amount: 2599,
      currency: 'CNY',
      description: 'x',
      expiresAt: new Date(1_800_000_000_000).toISOString(),
      notifyUrl: 'https://mall.example/api/payments/callback',
    });
    const body = JSON.stringify({ paymentId: 'pay_1', amount: 2599 });
    expect(await httpPayment(gatewayEnv).verify(body, await signNotification(env.PAYMENT_SECRET, body))).toBe(true);
    expect(await httpPayment(gatewayEnv).verify(body, await signNotification('other', body))).toBe(false);
  });

  it('fails a payment the gateway refuses or that is not configured', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ error: 'no' }, { status: 502 }));
    await expect(httpPayment(gatewayEnv).create(request)).rejects.toThrow('payment gateway answered 502');
    await expect(httpPayment({ ...gatewayEnv, PAYMENT_API_KEY: '' }).create(request)).rejects.toThrow('must be set');
  });
});
