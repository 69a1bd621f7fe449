import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { generateShop } from '../../workers/emulator/seed/generateShop';
import { shopSyncOf } from '../../workers/minishop/ShopSync';
import { newShop } from '../support/emulator';
import { admin } from '../support/hub';
import { storedCounts, storedOrder } from '../support/shopRecords';
import { boundShop, migrate, setRules, shopView } from '../support/shopsync';

const SHOPS = '/api/admin/minishop/shops';

describe('binding a Mini-Shop', () => {
  it('binds with credentials the Mini-Shop accepts, named as the shop is, with the default rules', async () => {
    const profile = await newShop({ products: 4, orders: 5 });
    const response = await admin('POST', SHOPS, { appid: profile.appid, secret: profile.secret });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      appid: profile.appid,
      name: generateShop(profile).storeInfo.store_name,
      status: 'bound',
      autoSync: true,
      rules: { productStatus: 'follow', freight: { kind: 'unified', amount: 0 }, group: true, filterMigrated: true },
      progress: { running: null, queued: [] },
    });
    const list = (await (await admin('GET', SHOPS)).json()) as { shops: Array<{ appid: string }> };
    expect(list.shops.map((s) => s.appid)).toContain(profile.appid);
  });

  it('refuses credentials the Mini-Shop refuses, naming the field, and stores nothing', async () => {
    const profile = await newShop({ products: 4, orders: 5 });
    const wrongSecret = await admin('POST', SHOPS, { appid: profile.appid, secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toMatchObject({ error: { code: 'authorization_refused', field: 'secret' } });
    const unknownShop = await admin('POST', SHOPS, { appid: 'wx0000000000000000', secret: 'x' });
    expect(unknownShop.status).toBe(400);
    expect(await unknownShop.json()).toMatchObject({ error: { field: 'appid' } });
    expect((await admin('GET', `${SHOPS}/${profile.appid}`)).status).toBe(404);
  });

  it.each([
    [{ appid: 'not an appid', secret: 's' }, 'appid'],
    [{ appid: 'wx1234567890abcdef' }, 'secret'],
    [{ appid: 'wx1234567890abcdef', secret: 's', extra: 1 }, 'extra'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const response = await admin('POST', SHOPS, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field } });
  });

  it('needs the admin token (401) and answers 404 for a shop never bound', async () => {
    expect((await admin('GET', SHOPS, undefined, {})).status).toBe(401);
    expect(
      (await admin('POST', SHOPS, { appid: 'wx1234567890abcdef', secret: 's' }, { Authorization: 'Bearer no' })).status,
    ).toBe(401);
    expect((await admin('GET', `${SHOPS}/wx1234567890abcdef`)).status).toBe(404);
    expect((await admin('POST', `${SHOPS}/wx1234567890abcdef/migrations`)).status).toBe(404);
    expect((await admin('DELETE', `${SHOPS}/wx1234567890abcdef`)).status).toBe(404);
  });

  it('rejects bad rules with 400 naming the field, and changes nothing', async () => {
    const shop = await boundShop({ products: 4, orders: 5 });
    for (const [rules, field] of [
      [{ productStatus: 'sell' }, 'productStatus'],
      [{ freight: { kind: 'unified', amount: -1 } }, 'freight.amount'],
      [{ freight: { kind: 'template' } }, 'freight.templateId'],
      [{ group: 'yes' }, 'group'],
      [{ filter: true }, 'filter'],
    ] as const) {
      const response = await setRules(shop.appid, rules);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
    const malformed = await admin('PATCH', `${SHOPS}/${shop.appid}/rules`, '{"group":');
    expect(malformed.status).toBe(400);
    expect((await shopView(shop.appid)).rules).toMatchObject({ productStatus: 'follow', group: true });
  });

  it('unbinds: orders can no longer be shipped, products stay, auto-sync stops, rules are refused', async () => {
    const shop = await boundShop({ products: 6, orders: 30, seed: 29 });
    const seed = generateShop(shop);
    await migrate(shop.appid);
    const before = await storedCounts(shop.appid);

    const unbound = await admin('DELETE', `${SHOPS}/${shop.appid}`);
    expect(unbound.status).toBe(200);
    expect(await unbound.json()).toMatchObject({ status: 'unbound', unboundAt: expect.any(Number) });

    const toShip = seed.orders.find(
      (o) => o.status === 20 && o.order_detail.product_infos.every((p) => p.on_aftersale_sku_cnt === 0),
    );
    if (!toShip) throw new Error('the seed has no order to ship');
    const ship = await admin('POST', `/api/admin/orders/ord_${shop.appid}_${toShip.order_id}/ship`, {
      deliveryId: 'SF',
      waybillId: 'SF123',
    });
    expect(ship.status).toBe(409);
    expect(await ship.json()).toMatchObject({ error: { code: 'shop_unbound' } });
    expect((await storedOrder(shop.appid, toShip.order_id))?.status).toBe('paid');

    expect(await storedCounts(shop.appid)).toEqual(before);
    expect(await shopSyncOf(env, shop.appid).requestSync('orders')).toBe(false);
    expect((await setRules(shop.appid, { group: false })).status).toBe(409);
    expect((await admin('POST', `${SHOPS}/${shop.appid}/migrations`)).status).toBe(409);

    // Binding again restores it, rules and history kept.
    expect((await admin('POST', SHOPS, { appid: shop.appid, secret: shop.secret })).status).toBe(201);
    expect(await shopView(shop.appid)).toMatchObject({ status: 'bound', lastMigration: { products: before.products } });
  });
});
