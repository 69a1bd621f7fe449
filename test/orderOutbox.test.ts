import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { orderItems, orders } from '../schema';
import type { Channel } from '../shared/channels';
import { COUPONS_MAP, ORDERS_MAP } from '../shared/docs/account';
import type { Checks, ForceSyncResult } from '../shared/docs/monitor';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { IN_FLIGHT_FOR_MS } from '../workers/monitor/consistency';
import { ORDER_FLUSH_MS } from '../workers/orders/orderOutbox';
import type { Order } from '../workers/orders/records/orderRecords';
import { database } from '../workers/records/db';
import { accountClient, adjust, claimCoupon, createCoupon } from './support/account';
import { refuseOrderWrites } from './support/d1Faults';
import { holdClock } from './support/heldClock';
import { admin, createProduct, firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { placeOrder, skuState } from './support/orders';

const db = database(env.DB);

const storedOrders = (memberId: string) => db.query.orders.findMany({ where: eq(orders.memberId, memberId) });

/** Places an order that must be accepted, and answers it as the shopper got it. */
const accepted = async (token: string, body: unknown, key?: string): Promise<Order> => {
  const response = await placeOrder(token, body, key);
  expect(response.status).toBe(201);
  return response.json();
};

/** Rings the member object's alarm once the order outbox's flush is due (the held clock keeps it from ringing alone). */
const ringFlush = async (clock: ReturnType<typeof holdClock>, memberId: string) => {
  clock.move(ORDER_FLUSH_MS);
  expect(await runDurableObjectAlarm(memberRoomOf(env, memberId))).toBe(true);
};

/**
 * An order accepted while D1 refuses its member's orders, its first flush failed: still queued.
 * `outage()` ends the refusal.
 */
const queuedThroughOutage = async (channel: Channel) => {
  const clock = holdClock();
  const sku = await firstSku();
  const member = await phoneLogin(freshPhone(), channel);
  const outage = await refuseOrderWrites(member.memberId);
  const order = await accepted(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
  await ringFlush(clock, member.memberId);
  return { clock, member, outage, order };
};

const runChecks = async (): Promise<Checks> => (await admin('POST', '/api/admin/monitor/checks')).json();

describe("the member's order outbox", () => {
  it('answers an order, and shows it on every read and the account, before D1 has it', async () => {
    const clock = holdClock();
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'mini');
    const account = await accountClient(member, 'mini');
    const key = crypto.randomUUID();
    const order = await accepted(member.token, { items: [{ skuId: sku.skuId, qty: 2 }] }, key);
    expect(order).toMatchObject({ status: 'unpaid', total: sku.price * 2, items: [{ id: `${order.id}-1`, qty: 2 }] });
    expect(await storedOrders(member.memberId)).toHaveLength(0);

    const read = await shopper('GET', `/api/orders/${order.id}`, undefined, member.token);
    expect(await read.json()).toEqual(order);
    const list = await (await shopper('GET', '/api/orders', undefined, member.token)).json<{ orders: Order[] }>();
    expect(list.orders.map((o) => o.id)).toEqual([order.id]);
    const replay = await placeOrder(member.token, { items: [{ skuId: sku.skuId, qty: 2 }] }, key);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(order);
    await account.until(() => account.doc.getMap(ORDERS_MAP).has(order.id), 'the order on the account');
    expect(await memberRoomOf(env, member.memberId).holdsStock(order.id)).toBe(true);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 2);

    await ringFlush(clock, member.memberId);
    const [stored] = await storedOrders(member.memberId);
    expect(stored).toMatchObject({ id: order.id, status: 'unpaid', payable: sku.price * 2 });
    const lines = await db.query.orderItems.findMany({ where: eq(orderItems.orderId, order.id) });
    expect(lines).toEqual(order.items);
    expect(await (await shopper('GET', `/api/orders/${order.id}`, undefined, member.token)).json()).toEqual(order);
  });

  it('writes many orders and their lines in one flush, several to a statement', async () => {
    const clock = holdClock();
    const product = await createProduct(2);
    for (const s of product.skus) await patchSku(s.skuId, { stock: 50 });
    const member = await phoneLogin(freshPhone(), 'app');
    const items = product.skus.map((s) => ({ skuId: s.skuId, qty: 1 }));
    const placed: Order[] = [];
    // 12 orders of 2 lines: 3 statements of orders (5 to one), 2 of lines (16 to one); D1 refuses
    // a statement binding over 100 parameters.
    for (let i = 0; i < 12; i++) placed.push(await accepted(member.token, { items }));
    expect(await storedOrders(member.memberId)).toHaveLength(0);
    expect((await memberRoomOf(env, member.memberId).orderAudit()).queued).toBe(12);
    const batches = vi.spyOn(env.DB, 'batch');
    await ringFlush(clock, member.memberId);
    expect(batches.mock.calls.map(([statements]) => statements.length)).toEqual([5]);
    batches.mockRestore();
    const ids = placed.map((o) => o.id);
    expect((await storedOrders(member.memberId)).map((o) => o.id).sort()).toEqual([...ids].sort());
    const lines = await db.query.orderItems.findMany({ where: inArray(orderItems.orderId, ids) });
    expect(lines.map((l) => l.id).sort()).toEqual(placed.flatMap((o) => o.items.map((l) => l.id)).sort());
    expect(await memberRoomOf(env, member.memberId).orderAudit()).toEqual({ queued: 0, oldestQueuedAt: null });
  });

  it("writes many members' flushes in a few D1 batches; one member's refused orders stay queued, the others land", async () => {
    const clock = holdClock();
    const [sku] = (await createProduct(1)).skus;
    if (!sku) throw new Error('no SKU');
    await patchSku(sku.skuId, { stock: 50 });
    const members = await Promise.all(Array.from({ length: 24 }, () => phoneLogin(freshPhone(), 'h5')));
    const [refused, ...others] = members;
    if (!refused) throw new Error('no members');
    const outage = await refuseOrderWrites(refused.memberId);
    const placed = await Promise.all(members.map((m) => accepted(m.token, { items: [{ skuId: sku.skuId, qty: 1 }] })));
    const batches = vi.spyOn(env.DB, 'batch');
    clock.move(ORDER_FLUSH_MS);
    // Every member's flush at once, as in a flash sale: they meet in the recorders (OrderRecorder.ts).
    await Promise.all(members.map((m) => runDurableObjectAlarm(memberRoomOf(env, m.memberId))));
    const written = batches.mock.calls.length;
    batches.mockRestore();
    // Four recorders: each writes its first flush alone and the rest together; a shared batch the
    // refused member was in is written again member by member.
    expect(written).toBeLessThan(members.length);
    for (const [i, m] of others.entries()) {
      expect((await storedOrders(m.memberId)).map((o) => o.id)).toEqual([placed[i + 1]?.id]);
      expect((await memberRoomOf(env, m.memberId).orderAudit()).queued).toBe(0);
    }
    expect(await storedOrders(refused.memberId)).toHaveLength(0);
    expect((await memberRoomOf(env, refused.memberId).orderAudit()).queued).toBe(1);

    await outage();
    clock.move(1000);
    expect(await runDurableObjectAlarm(memberRoomOf(env, refused.memberId))).toBe(true);
    expect((await storedOrders(refused.memberId)).map((o) => o.id)).toEqual([placed[0]?.id]);
  });

  it('keeps an order queued while D1 refuses it, and writes it on the retry', async () => {
    const { clock, member, outage, order } = await queuedThroughOutage('h5');
    expect(await storedOrders(member.memberId)).toHaveLength(0);
    expect((await memberRoomOf(env, member.memberId).orderAudit()).queued).toBe(1);
    expect(await (await shopper('GET', `/api/orders/${order.id}`, undefined, member.token)).json()).toEqual(order);

    await outage();
    clock.move(1000);
    expect(await runDurableObjectAlarm(memberRoomOf(env, member.memberId))).toBe(true);
    expect((await storedOrders(member.memberId)).map((o) => o.id)).toEqual([order.id]);
    expect((await memberRoomOf(env, member.memberId).orderAudit()).queued).toBe(0);
  });

  it('cancels and pays orders still queued: D1 has them first', async () => {
    holdClock();
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'pc');
    await adjust(member.memberId, 'balance', { delta: sku.price * 10, reason: 'top-up' });
    const body = { items: [{ skuId: sku.skuId, qty: 1 }] };
    const [toCancel, toPay] = [await accepted(member.token, body), await accepted(member.token, body)];
    expect(await storedOrders(member.memberId)).toHaveLength(0);

    const cancelled = await shopper('POST', `/api/orders/${toCancel.id}/cancel`, undefined, member.token);
    expect(await cancelled.json()).toMatchObject({ id: toCancel.id, status: 'cancelled' });
    const paid = await shopper('POST', `/api/orders/${toPay.id}/pay`, { method: 'balance' }, member.token);
    expect(await paid.json()).toMatchObject({ id: toPay.id, status: 'paid', payment: { method: 'balance' } });
    const stored = Object.fromEntries((await storedOrders(member.memberId)).map((o) => [o.id, o.status]));
    expect(stored).toEqual({ [toCancel.id]: 'cancelled', [toPay.id]: 'paid' });
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);
  });

  it('keeps a coupon claim a queued order locked from the next order, and shows it locked', async () => {
    holdClock();
    const sku = await firstSku();
    const coupon = await createCoupon({ kind: 'amount', value: 100, minSpend: 0, channels: ['app'] });
    const member = await phoneLogin(freshPhone(), 'app');
    expect((await claimCoupon(coupon.id, member.token)).status).toBe(201);
    const account = await accountClient(member, 'app');
    const body = { items: [{ skuId: sku.skuId, qty: 1 }], couponId: coupon.id };
    const order = await accepted(member.token, body);
    expect(order).toMatchObject({ discount: 100, couponId: coupon.id });
    const again = await placeOrder(member.token, body);
    expect(await again.json()).toMatchObject({ error: { code: 'coupon_not_held' } });
    const claims = () => Object.values(account.doc.getMap(COUPONS_MAP).toJSON()) as Array<{ status: string }>;
    await account.until(() => claims()[0]?.status === 'locked', 'the claim locked on the account');
    expect(await storedOrders(member.memberId)).toHaveLength(0);
  });

  it('is checked for orders stuck past the bound, and Force Sync writes them to D1', async () => {
    const { clock, member, outage, order } = await queuedThroughOutage('mini');
    expect((await runChecks()).orders).toMatchObject({ consistent: true, inFlight: 1, differing: 0 });

    clock.move(IN_FLIGHT_FOR_MS);
    const stuck = (await runChecks()).orders;
    expect(stuck).toMatchObject({ consistent: false, differing: 1, ids: [member.memberId], inFlight: 0 });
    expect(stuck.outboxLagMs).toBeGreaterThan(IN_FLIGHT_FOR_MS);

    await outage();
    const result: ForceSyncResult = await (await admin('POST', '/api/admin/monitor/force-sync')).json();
    expect(result.orders).toEqual([member.memberId]);
    expect(result.checks.orders).toMatchObject({ consistent: true, differing: 0, outboxLagMs: null });
    expect((await storedOrders(member.memberId)).map((o) => o.id)).toEqual([order.id]);
  });
});
