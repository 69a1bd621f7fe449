import { env, evictDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { memberCoupons, orders, skus } from '../schema';
import type { Session } from '../shared/api/auth';
import { COUPONS_MAP, ORDERS_MAP } from '../shared/docs/account';
import { CART_MAP } from '../shared/docs/member';
import { SKU_MAP, type SkuState } from '../shared/docs/sku';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { database } from '../workers/records/db';
import { accountClient, createCoupon } from './support/account';
import { admin, createProduct, firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import {
  expireOrders,
  flushOrders,
  flushOutbox,
  manyMembers,
  placedOrder,
  placeOrder,
  shipOrder,
  skuState,
} from './support/orders';
import { paidOrder } from './support/payments';
import { RoomClient } from './support/roomClient';

const db = database(env.DB);

const d1Stock = async (skuId: string) => (await db.query.skus.findFirst({ where: eq(skus.id, skuId) }))?.stock;

describe('orders and stock', () => {
  it('sells exactly the stock to 300 concurrent buyers, then gets it all back when the orders expire', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { stock: 50 });
    const buyers = await manyMembers(300, 'mini');
    const responses = await Promise.all(
      buyers.map((b) => placeOrder(b.token, { items: [{ skuId: sku.skuId, qty: 1 }] })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(250);
    const refused = await responses.find((r) => r.status === 409)?.json();
    expect(refused).toMatchObject({ error: { code: 'out_of_stock', field: 'items.0.skuId' } });
    expect((await skuState(sku.skuId)).stock).toBe(0);
    await flushOutbox(sku.skuId);
    expect(await d1Stock(sku.skuId)).toBe(0);

    const winners = buyers.filter((_, i) => statuses[i] === 201);
    await Promise.all(winners.map((w) => expireOrders(w.memberId)));
    expect((await skuState(sku.skuId)).stock).toBe(50);
    await flushOutbox(sku.skuId);
    expect(await d1Stock(sku.skuId)).toBe(50);
    const stored = await db.query.orders.findMany({ where: eq(orders.memberId, winners[0]?.memberId ?? '') });
    expect(stored.map((o) => o.status)).toEqual(['expired']);
  }, 60_000);

  it('answers a replayed key, sequential or parallel, with the one order it made', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'h5');
    const body = { items: [{ skuId: sku.skuId, qty: 2 }] };
    const key = crypto.randomUUID();
    const parallel = await Promise.all([1, 2, 3].map(() => placeOrder(member.token, body, key)));
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const replay = await placeOrder(member.token, body, key);
    expect(replay.status).toBe(200);
    const bodies = await Promise.all([...parallel, replay].map((r) => r.json<{ id: string }>()));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    await flushOrders(member.memberId);
    expect(await db.query.orders.findMany({ where: eq(orders.memberId, member.memberId) })).toHaveLength(1);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 2);
  });

  it('refuses an order whose second SKU runs out, naming it, and gives the first SKU its stock back', async () => {
    const product = await createProduct(2);
    const [first, second] = product.skus as [SkuState, SkuState];
    const member = await phoneLogin(freshPhone(), 'pc');
    const response = await placeOrder(member.token, {
      items: [
        { skuId: first.skuId, qty: 3 },
        { skuId: second.skuId, qty: second.stock + 1 },
      ],
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'out_of_stock', field: 'items.1.skuId' } });
    expect((await skuState(first.skuId)).stock).toBe(first.stock);
    expect((await skuState(second.skuId)).stock).toBe(second.stock);
    expect(await db.query.orders.findMany({ where: eq(orders.memberId, member.memberId) })).toHaveLength(0);
    await patchSku(first.skuId, { listed: false });
    const unlisted = await placeOrder(member.token, { items: [{ skuId: first.skuId, qty: 1 }] });
    expect(await unlisted.json()).toMatchObject({ error: { code: 'sku_unlisted', field: 'items.0.skuId' } });
  });

  it('shows the stock drop to SKU subscribers and the order on the account, and takes it back on cancel', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'app');
    const subscriber = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    const account = await accountClient(member, 'app');
    const cart = await RoomClient.connect(`member:${member.memberId}`, 'app', member.token);
    cart.doc.getMap(CART_MAP).set(sku.skuId, { qty: 4, addedAt: Date.now(), channel: 'app', selected: true });
    await cart.flush();
    const stock = () => subscriber.doc.getMap(SKU_MAP).get('stock');

    const placed = await placeOrder(member.token, { items: [{ skuId: sku.skuId, qty: 4 }] });
    expect(placed.status).toBe(201);
    const order = await placed.json<{ id: string; total: number; payable: number; status: string }>();
    expect(order).toMatchObject({ status: 'unpaid', total: sku.price * 4, payable: sku.price * 4 });
    await subscriber.until(() => stock() === sku.stock - 4, 'stock down on pc');
    await account.until(() => account.doc.getMap(ORDERS_MAP).has(order.id), 'the order on the account');
    await cart.until(() => !cart.doc.getMap(CART_MAP).has(sku.skuId), 'the ordered line out of the cart');

    const cancelled = await shopper('POST', `/api/orders/${order.id}/cancel`, undefined, member.token);
    expect(await cancelled.json()).toMatchObject({ id: order.id, status: 'cancelled' });
    await subscriber.until(() => stock() === sku.stock, 'stock back on pc');
    await account.until(
      () => (account.doc.getMap(ORDERS_MAP).get(order.id) as { status: string }).status === 'cancelled',
      'cancelled on the account',
    );
    const again = await shopper('POST', `/api/orders/${order.id}/cancel`, undefined, member.token);
    expect(again.status).toBe(200);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
  });

  it('expires an unpaid order when its time comes, even after the member’s object restarted', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'app');
    const order = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 3 }] });
    await evictDurableObject(memberRoomOf(env, member.memberId));
    await expireOrders(member.memberId);
    expect((await db.query.orders.findFirst({ where: eq(orders.id, order.id) }))?.status).toBe('expired');
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
  });

  it('keeps committed units sold: a later release of the same order returns nothing', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'mini');
    const order = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 2 }] });
    const room = skuRoomOf(env, sku.skuId);
    expect(await room.commit(order.id)).toBe(true);
    expect(await room.commit(order.id)).toBe(true);
    await room.release(order.id);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 2);
    expect(await room.commit('ord_unknown')).toBe(false);
  });

  it('locks a claimed coupon to the order and hands it back on cancel', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { price: 10_000 });
    const coupon = await createCoupon({ kind: 'percent', value: 10, minSpend: 15_000, channels: ['mini', 'app'] });
    const phone = freshPhone();
    const member = await phoneLogin(phone, 'mini');
    const [onH5, onApp] = [await phoneLogin(phone, 'h5'), await phoneLogin(phone, 'app')];
    expect((await shopper('POST', `/api/coupons/${coupon.id}/claim`, undefined, member.token)).status).toBe(201);
    const order = (qty: number, session: Session) =>
      placeOrder(session.token, { items: [{ skuId: sku.skuId, qty }], couponId: coupon.id });

    expect(await (await order(1, member)).json()).toMatchObject({
      error: { code: 'coupon_min_spend', field: 'couponId' },
    });
    expect(await (await order(2, onH5)).json()).toMatchObject({ error: { code: 'coupon_channel', field: 'couponId' } });
    const namingApp = { items: [{ skuId: sku.skuId, qty: 2 }], couponId: coupon.id, channel: 'app' };
    expect((await placeOrder(onH5.token, namingApp)).status).toBe(403);
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);

    const placed = await order(2, onApp);
    expect(placed.status).toBe(201);
    const body = await placed.json<{ id: string }>();
    expect(body).toMatchObject({ total: 20_000, discount: 2_000, payable: 18_000, couponId: coupon.id });
    await flushOrders(member.memberId);
    const claim = () => db.query.memberCoupons.findFirst({ where: eq(memberCoupons.memberId, member.memberId) });
    expect(await claim()).toMatchObject({ status: 'locked', orderId: body.id });
    expect(await (await order(2, onApp)).json()).toMatchObject({ error: { code: 'coupon_not_held' } });

    const account = await accountClient(member, 'mini');
    await shopper('POST', `/api/orders/${body.id}/cancel`, undefined, member.token);
    expect(await claim()).toMatchObject({ status: 'claimed', orderId: null });
    await account.until(
      () => [...account.doc.getMap(COUPONS_MAP).values()].some((c) => (c as { status: string }).status === 'claimed'),
      'the coupon usable again',
    );
  });

  it('refuses bad requests: missing key, invalid fields, no token, another member’s order', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'pc');
    const body = { items: [{ skuId: sku.skuId, qty: 1 }] };
    const noKey = await placeOrder(member.token, body, null);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ error: { field: 'Idempotency-Key' } });
    for (const [bad, field] of [
      [{ ...body, items: [] }, 'items'],
      [{ ...body, items: [{ skuId: sku.skuId, qty: 0 }] }, 'items.0.qty'],
      [{ ...body, channel: 'tv' }, 'channel'],
      [{ ...body, extra: 1 }, 'extra'],
    ] as const) {
      const response = await placeOrder(member.token, bad);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
    expect((await placeOrder(undefined, body)).status).toBe(401);
    const unknown = await placeOrder(member.token, { ...body, items: [{ skuId: 'sku_nope', qty: 1 }] });
    expect(unknown.status).toBe(404);

    const placed = await (await placeOrder(member.token, body)).json<{ id: string }>();
    const other = await phoneLogin(freshPhone(), 'pc');
    expect((await shopper('GET', `/api/orders/${placed.id}`, undefined, other.token)).status).toBe(404);
    expect((await shopper('POST', `/api/orders/${placed.id}/cancel`, undefined, other.token)).status).toBe(404);
    expect(await (await shopper('GET', `/api/orders/${placed.id}`, undefined, member.token)).json()).toMatchObject({
      id: placed.id,
      items: [{ skuId: sku.skuId, qty: 1, price: sku.price }],
    });
    const list = await (await shopper('GET', '/api/orders', undefined, member.token)).json<{ orders: unknown[] }>();
    expect(list.orders).toMatchObject([{ id: placed.id }]);
  });

  it('brings D1 to the room’s stock within a second of a burst of orders, by itself', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { stock: 100 });
    const buyers = await manyMembers(40, 'h5');
    const placed = await Promise.all(buyers.map((b) => placeOrder(b.token, { items: [{ skuId: sku.skuId, qty: 2 }] })));
    const burstEnded = Date.now();
    expect(placed.map((r) => r.status)).toEqual(buyers.map(() => 201));
    const left = 100 - 2 * buyers.length;
    expect((await skuState(sku.skuId)).stock).toBe(left);
    // Nothing here flushes the room's outbox: its own alarm has to bring D1 there, within the second.
    const withinSecond = Math.max(0, burstEnded + 1000 - Date.now());
    await vi.waitFor(async () => expect(await d1Stock(sku.skuId)).toBe(left), { timeout: withinSecond, interval: 20 });
    expect(Date.now() - burstEnded, 'time from the burst to D1 holding the room’s stock').toBeLessThan(1000);
  });

  it('shows a rush of orders to the SKU’s shoppers in far fewer frames, ending at the right stock', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { stock: 200 });
    const subscriber = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');
    const framesBefore = subscriber.updateFrames;
    const buyers = await manyMembers(60, 'mini');
    await Promise.all(buyers.map((b) => placeOrder(b.token, { items: [{ skuId: sku.skuId, qty: 1 }] })));
    await subscriber.until(() => subscriber.doc.getMap(SKU_MAP).get('stock') === 140, 'stock 140 on the subscriber');
    expect(subscriber.updateFrames - framesBefore).toBeLessThan(30);
  });
});

describe('order states', () => {
  it('lets the member confirm receipt of a shipped order from any channel, and names the state otherwise', async () => {
    const sku = await firstSku();
    const phone = freshPhone();
    const member = await phoneLogin(phone, 'pc');
    const unpaid = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const confirm = (orderId: string, token = member.token) =>
      shopper('POST', `/api/orders/${orderId}/confirm`, undefined, token);
    const early = await confirm(unpaid.id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'order_unpaid' } });

    const order = await paidOrder(member, sku.skuId);
    expect(await (await confirm(order.id)).json()).toMatchObject({ error: { code: 'order_paid' } });
    await shipOrder(order.id);
    const other = await phoneLogin(freshPhone(), 'pc');
    expect((await confirm(order.id, other.token)).status).toBe(404);
    expect((await shopper('POST', `/api/orders/${order.id}/confirm`)).status).toBe(401);

    const onApp = await phoneLogin(phone, 'app');
    const account = await accountClient(onApp, 'app');
    const confirmed = await confirm(order.id, onApp.token);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ id: order.id, status: 'completed' });
    await account.until(
      () => (account.doc.getMap(ORDERS_MAP).get(order.id) as { status: string }).status === 'completed',
      'completed on the app',
    );
    const again = await confirm(order.id);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'order_completed' } });
    expect((await shopper('POST', `/api/orders/${order.id}/cancel`, undefined, member.token)).status).toBe(409);
  });

  it('lets the operator complete a shipped order, and names the state otherwise', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'h5');
    const order = await paidOrder(member, sku.skuId);
    const complete = (orderId: string, headers?: Record<string, string>) =>
      admin('POST', `/api/admin/orders/${orderId}/complete`, undefined, headers);
    const early = await complete(order.id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'order_paid' } });
    await shipOrder(order.id);
    expect((await complete(order.id, {})).status).toBe(401);
    expect((await complete(order.id, { Authorization: `Bearer ${member.token}` })).status).toBe(401);
    expect((await complete('ord_nope')).status).toBe(404);
    expect((await db.query.orders.findFirst({ where: eq(orders.id, order.id) }))?.status).toBe('shipped');

    const account = await accountClient(member, 'h5');
    const completed = await complete(order.id);
    expect(completed.status).toBe(200);
    expect(await completed.json()).toMatchObject({
      id: order.id,
      status: 'completed',
      items: [{ skuId: sku.skuId }],
      payments: [{ method: 'balance', status: 'succeeded' }],
    });
    await account.until(
      () => (account.doc.getMap(ORDERS_MAP).get(order.id) as { status: string }).status === 'completed',
      'completed on the account',
    );
    expect(await (await complete(order.id)).json()).toMatchObject({ error: { code: 'order_completed' } });
  });
});

describe('orders in the back office', () => {
  it('lists every order newest first, filtered by status, channel, source and member, page by page', async () => {
    const sku = await firstSku();
    const phone = freshPhone();
    const member = await phoneLogin(phone, 'mini');
    const onMini = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const onH5 = await placedOrder((await phoneLogin(phone, 'h5')).token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const paid = await paidOrder(await phoneLogin(phone, 'app'), sku.skuId);
    const at = Date.now() - 60_000;
    const fromMiniShop = { id: `ord_ms${crypto.randomUUID().slice(0, 8)}`, memberId: member.memberId };
    await db.insert(orders).values({
      ...fromMiniShop,
      status: 'shipped',
      channel: 'mini',
      source: 'minishop',
      total: 500,
      payable: 500,
      createdAt: at,
      updatedAt: at,
    });
    const list = async (query: string) => {
      const response = await admin('GET', `/api/admin/orders?memberId=${member.memberId}&${query}`);
      expect(response.status).toBe(200);
      return response.json<{ orders: Array<{ id: string; createdAt: number }>; nextCursor: string | null }>();
    };
    const ids = async (query: string) => (await list(query)).orders.map((o) => o.id);

    const all = await list('');
    expect(new Set(all.orders.map((o) => o.id))).toEqual(new Set([onMini.id, onH5.id, paid.id, fromMiniShop.id]));
    expect(all.orders.at(-1)?.id).toBe(fromMiniShop.id);
    const times = all.orders.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.nextCursor).toBeNull();
    expect(await ids('status=paid')).toEqual([paid.id]);
    expect(await ids('status=unpaid&channel=h5')).toEqual([onH5.id]);
    expect(await ids('source=minishop')).toEqual([fromMiniShop.id]);
    expect(await ids('source=mall&channel=mini')).toEqual([onMini.id]);
    expect(await ids('status=cancelled')).toEqual([]);

    const first = await list('limit=3');
    expect(first.orders).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.orders, ...second.orders].map((o) => o.id)).toEqual(all.orders.map((o) => o.id));
  });

  it('shows one order with its items and payments, and refuses bad filters, unknown orders and strangers', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'app');
    const order = await paidOrder(member, sku.skuId);
    const detail = await admin('GET', `/api/admin/orders/${order.id}`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({
      id: order.id,
      memberId: member.memberId,
      status: 'paid',
      items: [{ skuId: sku.skuId, qty: 1, price: sku.price }],
      payments: [{ method: 'balance', status: 'succeeded', amount: sku.price }],
    });
    expect((await admin('GET', '/api/admin/orders/ord_nope')).status).toBe(404);

    for (const [query, field] of [
      ['status=lost', 'status'],
      ['channel=tv', 'channel'],
      ['source=shop', 'source'],
      ['memberId=no%20such', 'memberId'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=many', 'limit'],
      ['cursor=yesterday', 'cursor'],
      ['sort=oldest', 'sort'],
    ] as const) {
      const response = await admin('GET', `/api/admin/orders?${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    }
    expect((await admin('GET', '/api/admin/orders', undefined, {})).status).toBe(401);
    expect((await admin('GET', `/api/admin/orders/${order.id}`, undefined, {})).status).toBe(401);
    const asMember = { Authorization: `Bearer ${member.token}` };
    expect((await admin('GET', '/api/admin/orders', undefined, asMember)).status).toBe(401);
  });
});
