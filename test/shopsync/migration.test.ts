import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberIdentities, miniShopProducts } from '../../schema';
import { catalogRoomOf } from '../../workers/catalog/CatalogRoom';
import { generateShop, type ShopData } from '../../workers/emulator/seed/generateShop';
import { shopSyncOf } from '../../workers/minishop/ShopSync';
import { appendJob } from '../../workers/minishop/shopSyncStore';
import { newJob } from '../../workers/minishop/sync/syncJob';
import { RUN_STEP } from '../../workers/minishop/syncRuns';
import { AlarmSchedule } from '../../workers/platform/alarmSchedule';
import { database } from '../../workers/records/db';
import { control, injectFault } from '../support/emulator';
import { admin, patchSku } from '../support/hub';
import { storedCounts, storedOrder, storedSku } from '../support/shopRecords';
import { boundShop, migrate, setRules, shopView, untilIdle } from '../support/shopsync';

const syncedSpus = (seed: ShopData) => seed.spus.filter((s) => s.status === 5 || s.status === 11);
const syncedSkus = (seed: ShopData) => {
  const ids = new Set(syncedSpus(seed).map((s) => s.product_id));
  return seed.skus.filter((sku) => ids.has(sku.product_id));
};
const syncedOrders = (seed: ShopData) => seed.orders.filter((o) => o.status !== 10);

/** What a full migration of `seed` leaves in D1. */
const expectedCounts = (seed: ShopData) => ({
  products: syncedSpus(seed).length,
  skus: syncedSkus(seed).length,
  orders: syncedOrders(seed).length,
  orderItems: syncedOrders(seed).reduce((sum, o) => sum + o.order_detail.product_infos.length, 0),
  miniShopProducts: syncedSpus(seed).length,
  miniShopOrders: syncedOrders(seed).length,
  templates: seed.freightTemplates.length,
  grouped: syncedSpus(seed).length,
});

describe('Mini-Shop migration', () => {
  it('brings on-sale and delisted products with their SKUs, the synced orders, the templates and the group', async () => {
    const shop = await boundShop({ products: 14, orders: 60, seed: 3 });
    const seed = generateShop(shop);
    const view = await migrate(shop.appid);

    expect(await storedCounts(shop.appid)).toEqual(expectedCounts(seed));
    expect(view.lastMigration).toMatchObject({
      products: syncedSpus(seed).length,
      orders: syncedOrders(seed).length,
    });
    expect(view.lastMigration?.finishedAt).toBeGreaterThanOrEqual(view.lastMigration?.startedAt ?? Infinity);
    expect(view.progress).toMatchObject({ running: null, lastRun: { kind: 'migration', outcome: 'completed' } });

    // A migrated SKU is an ordinary SKU: its room and the catalog show the Mini-Shop's price and stock.
    const sku = syncedSkus(seed)[0];
    if (!sku) throw new Error('the seed has no synced SKU');
    const skuId = `sku_${shop.appid}_${sku.sku_id}`;
    const state = await (await admin('GET', `/api/skus/${skuId}`)).json();
    expect(state).toMatchObject({ skuId, price: sku.sale_price, stock: sku.stock_num });
    expect((await catalogRoomOf(env).entries())[skuId]).toMatchObject({ price: sku.sale_price, stock: sku.stock_num });

    // Orders keep their source, map their status, and belong to a member found by the buyer's OpenID.
    const statusOf = { 20: 'paid', 30: 'shipped', 100: 'completed', 200: 'cancelled', 250: 'cancelled' } as const;
    for (const [code, local] of Object.entries(statusOf)) {
      const source = syncedOrders(seed).find((o) => o.status === Number(code));
      if (!source) throw new Error(`the seed has no order with Mini-Shop status ${code}`);
      const order = await storedOrder(shop.appid, source.order_id);
      expect(order).toMatchObject({
        status: local,
        source: 'minishop',
        total: source.order_detail.price_info.order_price,
      });
      if (!order) throw new Error(`order ${source.order_id} was not migrated`);
      expect(order.items).toHaveLength(source.order_detail.product_infos.length);
      const identity = await database(env.DB).query.memberIdentities.findFirst({
        where: eq(memberIdentities.memberId, order.memberId),
      });
      expect(identity).toMatchObject({ kind: 'wechat_openid', appId: shop.appid, value: source.openid });
    }
    // Unpaid orders (status 10) stay at the Mini-Shop: the seed has some, and none is here.
    const unpaid = seed.orders.filter((o) => o.status === 10);
    expect(unpaid.length).toBeGreaterThan(0);
    for (const order of unpaid) expect(await storedOrder(shop.appid, order.order_id)).toBeNull();
  });

  it('runs again: by default it filters migrated products; with the filter off it overwrites them; nothing duplicates', async () => {
    const shop = await boundShop({ products: 10, orders: 30, seed: 5 });
    const seed = generateShop(shop);
    const first = await migrate(shop.appid);
    const sku = syncedSkus(seed)[0];
    if (!sku) throw new Error('the seed has no synced SKU');
    await patchSku(`sku_${shop.appid}_${sku.sku_id}`, { price: 1 });

    const filtered = await migrate(shop.appid);
    expect(filtered.lastMigration).toMatchObject({ products: 0, orders: syncedOrders(seed).length });
    expect(filtered.lastMigration?.runId).not.toBe(first.lastMigration?.runId);
    expect((await storedSku(shop.appid, sku.sku_id))?.price).toBe(1);
    // Templates are copied once only, on the first migration.
    expect(filtered.templatesCopiedAt).toBe(first.templatesCopiedAt);

    expect((await setRules(shop.appid, { filterMigrated: false })).status).toBe(200);
    const overwritten = await migrate(shop.appid);
    expect(overwritten.lastMigration).toMatchObject({ products: syncedSpus(seed).length });
    expect((await storedSku(shop.appid, sku.sku_id))?.price).toBe(sku.sale_price);
    expect(await storedCounts(shop.appid)).toEqual(expectedCounts(seed));
  });

  it.each([
    ['follow', (status: number) => status === 5],
    ['warehouse', () => false],
    ['list', () => true],
  ] as const)('product status rule %s decides which SKUs are listed', async (rule, listedFor) => {
    const shop = await boundShop({ products: 14, orders: 5, seed: 11 });
    const seed = generateShop(shop);
    expect((await setRules(shop.appid, { productStatus: rule })).status).toBe(200);
    await migrate(shop.appid);
    const spus = syncedSpus(seed);
    expect(new Set(spus.map((s) => s.status))).toEqual(new Set([5, 11]));
    for (const spu of spus) {
      for (const sku of seed.skus.filter((s) => s.product_id === spu.product_id)) {
        expect((await storedSku(shop.appid, sku.sku_id))?.listed).toBe(listedFor(spu.status));
      }
    }
  });

  it('maps products to a chosen Mini-Shop freight template, and skips the group when it is unticked', async () => {
    const shop = await boundShop({ products: 6, orders: 5, seed: 13 });
    const seed = generateShop(shop);
    const template = seed.freightTemplates[1];
    if (!template) throw new Error('the seed has too few templates');
    const unknown = await setRules(shop.appid, { freight: { kind: 'template', templateId: '999' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { field: 'freight.templateId' } });
    const chosen = await setRules(shop.appid, {
      freight: { kind: 'template', templateId: template.template_id },
      group: false,
    });
    expect(chosen.status).toBe(200);
    await migrate(shop.appid);
    const rows = await database(env.DB).query.miniShopProducts.findMany({
      where: eq(miniShopProducts.appid, shop.appid),
    });
    expect(rows.length).toBe(syncedSpus(seed).length);
    for (const row of rows)
      expect(row).toMatchObject({ freight: null, freightTemplateId: `frt_${shop.appid}_${template.template_id}` });
    expect(await storedCounts(shop.appid)).toMatchObject({ grouped: 0, templates: seed.freightTemplates.length });
  });

  it('resumes from its cursor after a restart that lost the last steps, with no duplicate product, SKU or order', async () => {
    const shop = await boundShop({ products: 10, orders: 50, seed: 17 });
    const seed = generateShop(shop);
    const done = await migrate(shop.appid);
    const last = done.lastMigration;
    if (!last) throw new Error('no migration result');

    // The object restarts holding the run as it stood before its products were written: the
    // records exist, the saved cursor does not know it.
    const stub = shopSyncOf(env, shop.appid);
    await runInDurableObject(stub, async (_, state) => {
      const job = { ...newJob('migration', last.runId, last.startedAt, 0), phase: 'products' as const };
      appendJob(state.storage.sql, job);
      await new AlarmSchedule(state.storage).runAt(RUN_STEP, Date.now() + 60_000);
    });
    await evictDurableObject(stub);
    expect((await shopView(shop.appid)).progress.running).toMatchObject({ runId: last.runId, phase: 'products' });

    const resumed = await untilIdle(shop.appid);
    expect(resumed.lastMigration).toMatchObject({
      runId: last.runId,
      products: syncedSpus(seed).length,
      orders: syncedOrders(seed).length,
    });
    expect(await storedCounts(shop.appid)).toEqual(expectedCounts(seed));
  });

  it('locks the rules and the binding while it runs (409), and recovers from an outage that stopped it', async () => {
    const shop = await boundShop({ products: 6, orders: 20, seed: 19 });
    const seed = generateShop(shop);
    await injectFault(shop.appid, { path: '*', httpStatus: 503, count: 1000 });
    expect((await admin('POST', `/api/admin/minishop/shops/${shop.appid}/migrations`)).status).toBe(202);

    const locked = await setRules(shop.appid, { productStatus: 'list' });
    expect(locked.status).toBe(409);
    expect(await locked.json()).toMatchObject({ error: { code: 'migration_running' } });
    expect((await admin('DELETE', `/api/admin/minishop/shops/${shop.appid}`)).status).toBe(409);
    expect((await admin('POST', `/api/admin/minishop/shops/${shop.appid}/migrations`)).status).toBe(409);
    expect((await shopView(shop.appid)).rules.productStatus).toBe('follow');

    await control('DELETE', `/shops/${shop.appid}/faults`);
    const view = await untilIdle(shop.appid);
    expect(view.progress.lastRun).toMatchObject({ outcome: 'completed' });
    expect(view.progress.lastRun?.errors[0]).toContain('HTTP 503');
    expect(await storedCounts(shop.appid)).toEqual(expectedCounts(seed));
    expect((await setRules(shop.appid, { productStatus: 'list' })).status).toBe(200);
  });
});
