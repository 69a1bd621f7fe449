import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_MAP } from '../../shared/docs/account';
import { generateShop, type OrderRecord, type ShopData } from '../../workers/emulator/seed/generateShop';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { issueToken } from '../../workers/members/auth/tokens';
import { clientFor, control, deliveryMethod, noAfterSale, orderPicker } from '../support/emulator';
import { admin, firstSku } from '../support/hub';
import { freshPhone, phoneLogin } from '../support/members';
import { placedOrder } from '../support/orders';
import { paidOrder } from '../support/payments';
import { RoomClient } from '../support/roomClient';
import { storedOrder } from '../support/shopRecords';
import { boundShop, migrate } from '../support/shopsync';

let shop: ShopProfile;
let seed: ShopData;

beforeAll(async () => {
  shop = await boundShop({ products: 10, orders: 400, seed: 23 });
  seed = generateShop(shop);
  await migrate(shop.appid);
});

const take = orderPicker(() => seed.orders);
const localId = (order: OrderRecord) => `ord_${shop.appid}_${order.order_id}`;
const ship = (order: OrderRecord | string, body: unknown = { deliveryId: 'SF', waybillId: 'SF100200300' }) =>
  admin('POST', `/api/admin/orders/${typeof order === 'string' ? order : localId(order)}/ship`, body);
const atMiniShop = (order: OrderRecord) => clientFor(shop).client.getOrder(order.order_id);

describe('shipping Mini-Shop orders from here', () => {
  it('ships a to-ship order at the Mini-Shop, then here, and the buyer’s account room shows it', async () => {
    const order = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    const stored = await storedOrder(shop.appid, order.order_id);
    expect(stored).toMatchObject({ status: 'paid', source: 'minishop' });
    if (!stored) throw new Error(`order ${order.order_id} was not migrated`);
    const { memberId } = stored;
    const account = await RoomClient.connect(
      `account:${memberId}`,
      'mini',
      await issueToken(env, memberId, 'mini', 'member'),
    );
    const status = () => (account.doc.getMap(ORDERS_MAP).get(localId(order)) as { status: string } | undefined)?.status;
    await account.until(() => status() === 'paid', 'the order listed as paid');

    const response = await ship(order);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ orderId: localId(order), status: 'shipped' });
    expect(await atMiniShop(order)).toMatchObject({
      status: 'shipped',
      parcels: [{ deliveryId: 'SF', waybillId: 'SF100200300' }],
    });
    expect((await storedOrder(shop.appid, order.order_id))?.status).toBe('shipped');
    await account.until(() => status() === 'shipped', 'the order shown as shipped');
    account.close();
  });

  it('ships same-city and pickup orders without a waybill; an express one without it is 400 naming the field', async () => {
    for (const kind of ['同城配送', '自提']) {
      const order = take((o) => o.status === 20 && deliveryMethod(o) === kind && noAfterSale(o));
      expect((await ship(order, {})).status).toBe(200);
    }
    const express = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    const refused = await ship(express, { deliveryId: 'SF' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { field: 'waybillId' } });
    expect((await atMiniShop(express)).status).toBe('to_ship');
    expect((await ship(express, { deliveryId: 'SF', waybillId: 'SF1', color: 'red' })).status).toBe(400);
    expect((await ship('ord_unknown')).status).toBe(404);
  });

  it('ships only what is still unshipped of a partly shipped order', async () => {
    const order = take(
      (o) =>
        o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o) && o.order_detail.product_infos.length > 1,
    );
    const [first] = order.order_detail.product_infos;
    if (!first) throw new Error('the order has no lines');
    const items = [{ productId: first.product_id, skuId: first.sku_id, quantity: first.sku_cnt }];
    await clientFor(shop).client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF4', items }]);

    expect((await ship(order)).status).toBe(200);
    const after = await atMiniShop(order);
    expect(after.status).toBe('shipped');
    expect(after.parcels.map((p) => p.waybillId)).toEqual(['SF4', 'SF100200300']);
    expect(after.parcels[1]?.items.map((i) => i.skuId)).not.toContain(first.sku_id);
  });

  it('refuses an order shipped at the Mini-Shop meanwhile (409) and takes its new state here', async () => {
    const order = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    await control('PATCH', `/shops/${shop.appid}/orders/${order.order_id}`, { status: 30 });
    const response = await ship(order);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      error: { code: 'already_shipped', message: 'already shipped or under dispute' },
    });
    expect((await storedOrder(shop.appid, order.order_id))?.status).toBe('shipped');
  });

  it('refuses an order with an item in after-sale (409, under dispute) and pushes nothing', async () => {
    const order = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    await control('PATCH', `/shops/${shop.appid}/orders/${order.order_id}`, { openAfterSale: true });
    const response = await ship(order);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'under_dispute' } });
    expect(await atMiniShop(order)).toMatchObject({ status: 'to_ship', parcels: [] });
    expect(await storedOrder(shop.appid, order.order_id)).toMatchObject({
      status: 'paid',
      miniShop: { openAfterSales: 1 },
    });
  });

  it('ships a batch order by order: shipped ones skipped, one in after-sale failed, the rest shipped', async () => {
    const toShip = (o: OrderRecord) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o);
    const fresh = [take(toShip), take(toShip)] as const;
    const shipped = take((o) => o.status === 30);
    const disputed = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && !noAfterSale(o));
    const batch = [fresh[0], shipped, disputed, fresh[1]].map((o) => ({
      orderId: localId(o),
      deliveryId: 'YTO',
      waybillId: 'YT777',
    }));
    const response = await admin('POST', '/api/admin/orders/ship', {
      orders: [...batch, { orderId: 'ord_unknown', deliveryId: 'YTO', waybillId: 'YT8' }],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ outcome: string; error?: { code: string } }> };
    expect(results.map((r) => r.outcome)).toEqual(['shipped', 'skipped', 'failed', 'shipped', 'failed']);
    expect(results[2]?.error?.code).toBe('under_dispute');
    expect(results[4]?.error?.code).toBe('not_found');
    for (const order of fresh) {
      expect(await atMiniShop(order)).toMatchObject({
        status: 'shipped',
        parcels: [{ deliveryId: 'YTO', waybillId: 'YT777' }],
      });
      expect((await storedOrder(shop.appid, order.order_id))?.status).toBe('shipped');
    }
    expect((await atMiniShop(disputed)).status).toBe('to_ship');

    const bad = await admin('POST', '/api/admin/orders/ship', { orders: [batch[0], batch[0]] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'orders' } });
    expect((await admin('POST', '/api/admin/orders/ship', { orders: [] })).status).toBe(400);
    expect((await admin('POST', '/api/admin/orders/ship', { orders: [] }, {})).status).toBe(401);
  });
});

describe('Mini-Shop orders here', () => {
  it('are completed at the Mini-Shop, not by the back office here: 409 and the order unchanged', async () => {
    const order = take((o) => o.status === 30 && noAfterSale(o));
    const response = await admin('POST', `/api/admin/orders/${localId(order)}/complete`);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'order_minishop' } });
    expect((await storedOrder(shop.appid, order.order_id))?.status).toBe('shipped');
  });
});

describe('shipping mall orders', () => {
  it('ships a paid mall order here; anything else is 409', async () => {
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'h5');
    const placed = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const unpaid = await ship(placed.id, {});
    expect(unpaid.status).toBe(409);
    expect(await unpaid.json()).toMatchObject({ error: { code: 'order_unpaid' } });

    const { id } = await paidOrder(member, sku.skuId);
    const account = await RoomClient.connect(`account:${member.memberId}`, 'h5', member.token);
    expect((await ship(id, {})).status).toBe(200);
    await account.until(
      () => (account.doc.getMap(ORDERS_MAP).get(id) as { status: string } | undefined)?.status === 'shipped',
      'the mall order shown as shipped',
    );
    expect((await ship(id, {})).status).toBe(409);
    account.close();
  });
});
