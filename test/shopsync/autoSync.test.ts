import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { skus, syncEvents } from '../../schema';
import { generateShop, type OrderRecord, type ShopData } from '../../workers/emulator/seed/generateShop';
import worker from '../../workers/index';
import { CRONS } from '../../workers/minishop/sync/cron';
import { database } from '../../workers/records/db';
import { control } from '../support/emulator';
import { admin } from '../support/hub';
import { storedCounts, storedOrder } from '../support/shopRecords';
import { boundShop, migrate, shopView, untilIdle } from '../support/shopsync';

/** Fires one cron trigger the way the runtime does. */
const cron = async (expression: string, at = Date.now()) => {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: expression, scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
};

const changeOrder = async (appid: string, orderId: string, change: { status?: number; openAfterSale?: boolean }) => {
  const response = await control('PATCH', `/shops/${appid}/orders/${orderId}`, change);
  if (response.status !== 200) throw new Error(`order not changed: ${response.status}`);
};

const quiet = (o: OrderRecord) => o.order_detail.product_infos.every((p) => p.on_aftersale_sku_cnt === 0);

/** The latest run of `kind` logged for the shop. */
const lastLogged = async (appid: string, kind: string) =>
  database(env.DB).query.syncEvents.findFirst({
    where: and(eq(syncEvents.subject, `minishop:${appid}`), eq(syncEvents.kind, kind)),
    orderBy: desc(syncEvents.id),
  });

describe('Mini-Shop auto-sync (cron)', () => {
  it('every 5 minutes takes the orders updated since its cursor, and logs the run with its counts', async () => {
    const shop = await boundShop({ products: 8, orders: 40, seed: 31 });
    const seed = generateShop(shop);
    const migrated = await migrate(shop.appid);
    const order = seed.orders.find((o) => o.status === 20 && quiet(o));
    if (!order) throw new Error('the seed has no order to ship');
    await changeOrder(shop.appid, order.order_id, { status: 30 });

    await cron(CRONS.orders);
    const view = await untilIdle(shop.appid);
    expect((await storedOrder(shop.appid, order.order_id))?.status).toBe('shipped');
    expect(view.orderCursor).toBeGreaterThan(migrated.orderCursor ?? Infinity);
    expect((await lastLogged(shop.appid, 'minishop.orders'))?.detail).toMatchObject({
      outcome: 'completed',
      orders: 1,
      errors: [],
    });
  });

  it('adds a new order of a never-migrated shop, and the product it names, never seen before', async () => {
    const shop = await boundShop({ products: 8, orders: 40, seed: 37 });
    const seed = generateShop(shop);
    const order = seed.orders.find((o) => o.status === 30);
    if (!order) throw new Error('the seed has no shipped order');
    await changeOrder(shop.appid, order.order_id, { status: 100 });

    await cron(CRONS.orders);
    await untilIdle(shop.appid);
    expect(await storedOrder(shop.appid, order.order_id)).toMatchObject({ status: 'completed', source: 'minishop' });
    const products = new Set(order.order_detail.product_infos.map((p) => p.product_id));
    expect((await storedCounts(shop.appid)).products).toBe(products.size);
  });

  it('daily, adds products new at the Mini-Shop; with auto-sync off the cron leaves the shop alone', async () => {
    const shop = await boundShop({ products: 6, orders: 10, seed: 41 });
    await migrate(shop.appid);
    const before = await storedCounts(shop.appid);
    const added = await control('POST', `/shops/${shop.appid}/products`, {
      title: 'New notebook',
      status: 5,
      skus: [{ price: 1200, stock: 9 }],
    });
    const { sku_ids } = (await added.json()) as { sku_ids: string[] };

    const off = await admin('PUT', `/api/admin/minishop/shops/${shop.appid}/auto-sync`, { autoSync: false });
    expect(await off.json()).toMatchObject({ autoSync: false });
    await cron(CRONS.products);
    expect((await shopView(shop.appid)).progress).toMatchObject({ running: null, queued: [] });
    expect(await storedCounts(shop.appid)).toEqual(before);

    await admin('PUT', `/api/admin/minishop/shops/${shop.appid}/auto-sync`, { autoSync: true });
    await cron(CRONS.products);
    await untilIdle(shop.appid);
    expect((await storedCounts(shop.appid)).products).toBe(before.products + 1);
    const sku = await (await admin('GET', `/api/skus/sku_${shop.appid}_${sku_ids[0]}`)).json();
    expect(sku).toMatchObject({ price: 1200, stock: 9, listed: true });
  });
});

/** Mini-Shop units of a product sold on paid orders, refunded ones left out. */
const expectedSales = (seed: ShopData, productId: string) =>
  seed.orders
    .filter((o) => o.status !== 10 && o.order_detail.pay_info?.pay_time)
    .flatMap((o) => o.order_detail.product_infos)
    .filter((p) => p.product_id === productId)
    .reduce((sum, p) => sum + p.sku_cnt - p.finish_aftersale_sku_cnt, 0);

describe('third-party sales volume', () => {
  it('counts earlier days at the T+1 job, refunds excluded; shoppers see them once the product says so', async () => {
    const shop = await boundShop({ products: 6, orders: 120, seed: 43 });
    const seed = generateShop(shop);
    await migrate(shop.appid);
    const refunded = seed.orders.find(
      (o) =>
        o.order_detail.pay_info?.pay_time && o.order_detail.product_infos.some((p) => p.finish_aftersale_sku_cnt > 0),
    );
    const sourceId = refunded?.order_detail.product_infos.find((p) => p.finish_aftersale_sku_cnt > 0)?.product_id;
    if (!sourceId) throw new Error('the seed has no refunded line');
    const sales = `/api/admin/minishop/products/prd_${shop.appid}_${sourceId}/sales`;

    // The orders were paid on earlier days: nothing counts until the T+1 job has run.
    expect(await (await admin('GET', sales)).json()).toMatchObject({ thirdPartySales: 0, shownSales: 0 });
    await cron(CRONS.sales);
    const counted = expectedSales(seed, sourceId);
    const all = seed.orders.flatMap((o) => o.order_detail.product_infos).filter((p) => p.product_id === sourceId);
    expect(counted).toBeLessThan(all.reduce((sum, p) => sum + p.sku_cnt, 0));
    expect(await (await admin('GET', sales)).json()).toMatchObject({
      mallSales: 0,
      thirdPartySales: counted,
      addThirdPartySales: false,
      shownSales: 0,
    });

    const shown = await admin('PUT', sales, { addThirdPartySales: true });
    expect(await shown.json()).toMatchObject({ thirdPartySales: counted, shownSales: counted });
    const [sku] = await database(env.DB)
      .select({ id: skus.id })
      .from(skus)
      .where(eq(skus.productId, `prd_${shop.appid}_${sourceId}`));
    expect(await (await admin('GET', `/api/skus/${sku?.id}`)).json()).toMatchObject({ sales: counted });
    await admin('PUT', sales, { addThirdPartySales: false });
    expect(await (await admin('GET', `/api/skus/${sku?.id}`)).json()).toMatchObject({ sales: 0 });
    expect((await admin('PUT', sales, { addThirdPartySales: 'yes' })).status).toBe(400);
    expect(
      (await admin('PUT', '/api/admin/minishop/products/prd_none/sales', { addThirdPartySales: true })).status,
    ).toBe(404);
    expect((await admin('GET', '/api/admin/minishop/products/prd_none/sales')).status).toBe(404);
  });

  it("counts today's paid orders as they sync, before any T+1 job; shoppers read the figure", async () => {
    const shop = await boundShop({ products: 6, orders: 80, seed: 67 });
    const seed = generateShop(shop);
    await migrate(shop.appid);
    const unpaid = seed.orders.find((o) => o.status === 10);
    const line = unpaid?.order_detail.product_infos[0];
    if (!unpaid || !line) throw new Error('the seed has no unpaid order');
    const productId = `prd_${shop.appid}_${line.product_id}`;
    const today = unpaid.order_detail.product_infos
      .filter((p) => p.product_id === line.product_id)
      .reduce((sum, p) => sum + p.sku_cnt, 0);

    // Shoppers see the Mini-Shop's sales added: every count that follows reaches the SKU rooms.
    await admin('PUT', `/api/admin/minishop/products/${productId}/sales`, { addThirdPartySales: true });
    const [sku] = await database(env.DB).select({ id: skus.id }).from(skus).where(eq(skus.productId, productId));
    const shownInRoom = async () =>
      (await (await admin('GET', `/api/skus/${sku?.id}`)).json<{ sales: number }>()).sales;
    expect(await shownInRoom()).toBe(0);

    await changeOrder(shop.appid, unpaid.order_id, { status: 20 });
    await cron(CRONS.orders);
    await untilIdle(shop.appid);
    expect(await (await admin('GET', `/api/admin/minishop/products/${productId}/sales`)).json()).toMatchObject({
      thirdPartySales: today,
    });
    expect(await shownInRoom()).toBe(today);

    await cron(CRONS.sales);
    const total = today + expectedSales(seed, line.product_id);
    expect(await (await admin('GET', `/api/products/${productId}/sales`)).json()).toEqual({ productId, sales: total });
    expect(await shownInRoom()).toBe(total);
    expect((await admin('GET', '/api/products/prd_none/sales')).status).toBe(404);
  });
});
