import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders } from '../schema';
import { CATALOG_MAP, type CatalogEntry, type FlashSale, SKU_MAP } from '../shared/docs/sku';
import { flashSaleClockOf } from '../workers/catalog/FlashSaleClock';
import type { Order } from '../workers/orders/records/orderRecords';
import { clock } from '../workers/platform/clock';
import { database } from '../workers/records/db';
import { moveClock } from './support/clock';
import { createSale } from './support/flashSales';
import { ADMIN, admin, createProduct, firstSku } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { flushOrders, placeOrder, skuState } from './support/orders';
import { RoomClient } from './support/roomClient';

const MINUTE = 60_000;
const db = database(env.DB);

/** The unit price an order of `qty` placed with `token` pays, on the token's channel. */
const orderPrice = async (token: string, skuId: string, qty = 1) => {
  const response = await placeOrder(token, { items: [{ skuId, qty }] });
  expect(response.status).toBe(201);
  return (await response.json<{ id: string; items: Array<{ price: number }> }>()).items[0]?.price;
};

describe('flash sales', () => {
  it('goes live in every SKU room and the catalog at once, at the flash price only on its channels', async () => {
    const product = await createProduct(3);
    const skuIds = product.skus.map((s) => s.skuId);
    const catalog = await RoomClient.connect('catalog', 'pc');
    const subscriber = await RoomClient.connect(`sku:${skuIds[0]}`, 'app');
    const flashOf = (skuId: string) => (catalog.doc.getMap(CATALOG_MAP).get(skuId) as CatalogEntry | undefined)?.flash;

    const sale = await createSale({
      skuIds,
      price: 99,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 10 * MINUTE,
      channels: ['mini', 'app'],
    });
    expect(sale).toMatchObject({ status: 'live', channels: ['mini', 'app'] });
    await catalog.until(() => skuIds.some((id) => flashOf(id)), 'the sale in the catalog');
    expect(skuIds.map((id) => flashOf(id)?.saleId)).toEqual([sale.id, sale.id, sale.id]);
    await subscriber.until(() => subscriber.doc.getMap(SKU_MAP).get('flash') !== null, 'the sale in the SKU room');
    expect(subscriber.doc.getMap(SKU_MAP).get('flash')).toMatchObject({ saleId: sale.id, price: 99 });

    const mini = await phoneLogin(freshPhone(), 'mini');
    const h5 = await phoneLogin(freshPhone(), 'h5');
    expect(await orderPrice(mini.token, skuIds[0] ?? '')).toBe(99);
    expect(await orderPrice(h5.token, skuIds[0] ?? '')).toBe(product.skus[0]?.price);
  });

  it('prices and records an order on its token’s channel, whatever the body names', async () => {
    const sku = await firstSku();
    const live = { startsAt: Date.now() - 1000, endsAt: Date.now() + 10 * MINUTE };
    await createSale({ skuIds: [sku.skuId], price: 99, ...live, channels: ['mini', 'app'] });
    const onApp = await phoneLogin(freshPhone(), 'app');
    expect(await orderPrice(onApp.token, sku.skuId)).toBe(99);

    const onH5 = await phoneLogin(freshPhone(), 'h5');
    const line = { skuId: sku.skuId, qty: 1 };
    for (const channel of ['app', 'mini', 'pc']) {
      const refused = await placeOrder(onH5.token, { items: [line], channel });
      expect(refused.status, channel).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'channel_mismatch', field: 'channel' } });
    }
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock - 1);
    for (const body of [{ items: [line], channel: 'h5' }, { items: [line] }]) {
      const placed = await placeOrder(onH5.token, body);
      expect(placed.status).toBe(201);
      const order = await placed.json<Order>();
      expect(order).toMatchObject({ channel: 'h5', total: sku.price, items: [{ price: sku.price }] });
      await flushOrders(onH5.memberId);
      expect((await db.query.orders.findFirst({ where: eq(orders.id, order.id) }))?.channel).toBe('h5');
    }
    const stored = await db.query.orders.findMany({ where: eq(orders.memberId, onH5.memberId) });
    expect(stored.map((o) => o.channel)).toEqual(['h5', 'h5']);
  });

  it('starts at startsAt and ends at endsAt by its own alarms', async () => {
    const sku = await firstSku();
    const subscriber = await RoomClient.connect(`sku:${sku.skuId}`, 'h5');
    const flash = () => subscriber.doc.getMap(SKU_MAP).get('flash') as FlashSale | null;
    const startsAt = clock.now() + MINUTE;
    const endsAt = startsAt + MINUTE;
    const sale = await createSale({ skuIds: [sku.skuId], price: 500, startsAt, endsAt, channels: 'all' });
    expect(sale.status).toBe('scheduled');
    expect(flash()).toBeNull();
    const saleClock = flashSaleClockOf(env, sale.id);

    moveClock(MINUTE);
    expect(await runDurableObjectAlarm(saleClock)).toBe(true);
    await subscriber.until(() => flash() !== null, 'the sale to start');
    expect(clock.now()).toBeGreaterThanOrEqual(startsAt);
    expect(flash()).toMatchObject({ saleId: sale.id, channels: ['pc', 'h5', 'mini', 'app'] });
    moveClock(MINUTE);
    expect(await runDurableObjectAlarm(saleClock)).toBe(true);
    await subscriber.until(() => flash() === null, 'the sale to end');
    expect(clock.now()).toBeGreaterThanOrEqual(endsAt);
    const stored = await admin('GET', `/api/admin/flash-sales/${sale.id}`);
    expect(await stored.json()).toMatchObject({ status: 'ended', skuIds: [sku.skuId] });
  });

  it('holds the per-member limit across channels, and frees units when an order is cancelled', async () => {
    const sku = await firstSku();
    await createSale({
      skuIds: [sku.skuId],
      price: 100,
      startsAt: Date.now(),
      endsAt: Date.now() + 10 * MINUTE,
      channels: 'all',
      perMemberLimit: 2,
    });
    const phone = freshPhone();
    const onMini = await phoneLogin(phone, 'mini');
    const onApp = await phoneLogin(phone, 'app');
    expect(onApp.memberId).toBe(onMini.memberId);

    const first = await placeOrder(onMini.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    expect(first.status).toBe(201);
    expect(await orderPrice(onApp.token, sku.skuId)).toBe(100);
    const over = await placeOrder(onApp.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ error: { code: 'flash_sale_limit', field: 'items.0.skuId' } });

    const firstId = (await first.json<{ id: string }>()).id;
    expect((await shopper('POST', `/api/orders/${firstId}/cancel`, undefined, onMini.token)).status).toBe(200);
    expect(await orderPrice(onApp.token, sku.skuId)).toBe(100);
    const someoneElse = await phoneLogin(freshPhone(), 'h5');
    expect(await orderPrice(someoneElse.token, sku.skuId, 2)).toBe(100);
  });

  it('ends a cancelled sale at once: the room drops it and orders pay the normal price', async () => {
    const sku = await firstSku();
    const subscriber = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    const sale = await createSale({
      skuIds: [sku.skuId],
      price: 1,
      startsAt: Date.now(),
      endsAt: Date.now() + 10 * MINUTE,
      channels: 'all',
    });
    await subscriber.until(() => subscriber.doc.getMap(SKU_MAP).get('flash') !== null, 'the sale live');
    const cancelled = await admin('DELETE', `/api/admin/flash-sales/${sale.id}`);
    expect(await cancelled.json()).toMatchObject({ id: sale.id, status: 'cancelled' });
    await subscriber.until(() => subscriber.doc.getMap(SKU_MAP).get('flash') === null, 'the sale gone');
    const member = await phoneLogin(freshPhone(), 'pc');
    expect(await orderPrice(member.token, sku.skuId)).toBe(sku.price);
    const listed = await (await admin('GET', '/api/admin/flash-sales')).json<{ flashSales: Array<{ id: string }> }>();
    expect(listed.flashSales.map((s) => s.id)).toContain(sale.id);
  });

  it('refuses bad sales with the field named and stores nothing', async () => {
    const [first, second] = (await createProduct(2)).skus;
    const now = Date.now();
    const valid = {
      name: 'Morning sale',
      skuIds: [first?.skuId],
      price: 100,
      startsAt: now,
      endsAt: now + MINUTE,
      channels: 'all',
    };
    for (const [bad, status, field] of [
      [{ ...valid, endsAt: now - 1 }, 400, 'endsAt'],
      [{ ...valid, startsAt: now + 2 * MINUTE }, 400, 'endsAt'],
      [{ ...valid, channels: ['tv'] }, 400, 'channels'],
      [{ ...valid, channels: [] }, 400, 'channels'],
      [{ ...valid, price: 0 }, 400, 'price'],
      [{ ...valid, startsAt: 'tomorrow' }, 400, 'startsAt'],
      [{ ...valid, perMemberLimit: 0 }, 400, 'perMemberLimit'],
      [{ ...valid, skuIds: [first?.skuId, first?.skuId] }, 400, 'skuIds'],
      [{ ...valid, color: 'red' }, 400, 'color'],
      [{ ...valid, skuIds: [first?.skuId, 'sku_nope'] }, 404, 'skuIds.1'],
    ] as const) {
      const response = await admin('POST', '/api/admin/flash-sales', bad);
      expect(response.status, JSON.stringify(bad)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
    expect((await admin('POST', '/api/admin/flash-sales', valid, {})).status).toBe(401);
    expect((await admin('POST', '/api/admin/flash-sales', valid, { ...ADMIN, Authorization: 'Bearer x' })).status).toBe(
      401,
    );
    const state = await (await shopper('GET', `/api/skus/${first?.skuId}`)).json();
    expect(state).toMatchObject({ flash: null });

    const sale = await createSale({ ...valid, startsAt: now + MINUTE, endsAt: now + 3 * MINUTE });
    const overlap = await admin('POST', '/api/admin/flash-sales', {
      ...valid,
      skuIds: [second?.skuId, first?.skuId],
      startsAt: now + 2 * MINUTE,
      endsAt: now + 4 * MINUTE,
    });
    expect(overlap.status).toBe(409);
    expect(await overlap.json()).toMatchObject({ error: { code: 'flash_sale_overlap', field: 'skuIds.1' } });
    expect((await admin('GET', '/api/admin/flash-sales/fs_nope')).status).toBe(404);
    expect((await admin('DELETE', `/api/admin/flash-sales/${sale.id}`)).status).toBe(200);
    expect(await createSale({ ...valid, startsAt: now + 2 * MINUTE, endsAt: now + 4 * MINUTE })).toMatchObject({
      status: 'scheduled',
    });
  });
  it('is named by the operator: the name is required, shown wherever the sale is, and can be changed', async () => {
    const sku = await firstSku();
    const now = Date.now();
    const sale = { skuIds: [sku.skuId], price: 100, startsAt: now + MINUTE, endsAt: now + 2 * MINUTE, channels: 'all' };
    const created = await admin('POST', '/api/admin/flash-sales', { ...sale, name: '  Double 12 mugs  ' });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: string }>();
    const named = (name: string) => expect.objectContaining({ id, name });
    expect(await (await admin('GET', `/api/admin/flash-sales/${id}`)).json()).toEqual(named('Double 12 mugs'));

    const renamed = await admin('PATCH', `/api/admin/flash-sales/${id}`, { name: '双十二 马克杯' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual(named('双十二 马克杯'));
    const { flashSales } = await (await admin('GET', '/api/admin/flash-sales')).json<{ flashSales: unknown[] }>();
    expect(flashSales).toContainEqual(named('双十二 马克杯'));
    expect(await (await admin('DELETE', `/api/admin/flash-sales/${id}`)).json()).toEqual(named('双十二 马克杯'));

    for (const [method, path, body, field] of [
      ['POST', '/api/admin/flash-sales', sale, 'name'],
      ['POST', '/api/admin/flash-sales', { ...sale, name: '' }, 'name'],
      ['PATCH', `/api/admin/flash-sales/${id}`, { name: 'x'.repeat(61) }, 'name'],
      ['PATCH', `/api/admin/flash-sales/${id}`, { name: 'Sale', price: 1 }, 'price'],
      ['PATCH', `/api/admin/flash-sales/${id}`, {}, 'name'],
    ] as const) {
      const response = await admin(method, path, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    }
    const unknown = await admin('PATCH', '/api/admin/flash-sales/fs_nope', { name: 'Sale' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'saleId' } });
  });
});
