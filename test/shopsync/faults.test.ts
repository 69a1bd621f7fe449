import { describe, expect, it } from 'vitest';
import { generateShop, type ShopData } from '../../workers/emulator/seed/generateShop';
import { control, injectFault } from '../support/emulator';
import { storedCounts } from '../support/shopRecords';
import { boundShop, migrate } from '../support/shopsync';

const synced = (seed: ShopData) => ({
  products: seed.spus.filter((s) => s.status === 5 || s.status === 11).length,
  orders: seed.orders.filter((o) => o.status !== 10).length,
});

describe('Mini-Shop faults during a migration', () => {
  it('rides out rate limits and busy answers (45011, 300000, -1) with backoff, the run unaffected', async () => {
    const shop = await boundShop({ products: 8, orders: 30, seed: 53 });
    await injectFault(shop.appid, { path: '/product/spu/get_list', errcode: 45011, count: 3 });
    await injectFault(shop.appid, { path: '/product/sku/get_list', errcode: 300000, count: 2 });
    await injectFault(shop.appid, { path: '/product/order/get_list', errcode: -1, count: 2 });
    const view = await migrate(shop.appid);
    expect(view.progress.lastRun).toMatchObject({ outcome: 'completed', errors: [] });
    expect(view.lastMigration).toMatchObject(synced(generateShop(shop)));
  });

  it('renews an expired or revoked token once and carries on', async () => {
    const shop = await boundShop({ products: 6, orders: 20, seed: 59 });
    await migrate(shop.appid);
    for (const change of ['expire', 'revoke']) {
      await control('POST', `/shops/${shop.appid}/tokens/${change}`);
      const view = await migrate(shop.appid);
      expect(view.progress.lastRun).toMatchObject({ outcome: 'completed', errors: [] });
      expect(view.lastMigration?.orders).toBe(synced(generateShop(shop)).orders);
    }
  });

  it('stops at 45009 (daily quota) and reports it; the next run completes with nothing duplicated', async () => {
    const shop = await boundShop({ products: 8, orders: 30, seed: 61 });
    const seed = generateShop(shop);
    await injectFault(shop.appid, { path: '/product/order/get_list', errcode: 45009, count: 1 });
    const stopped = await migrate(shop.appid);
    expect(stopped.progress.lastRun).toMatchObject({ kind: 'migration', outcome: 'quota_exhausted' });
    expect(stopped.progress.lastRun?.errors.join(' ')).toContain('45009');
    expect(stopped.lastMigration).toBeNull();
    expect(await storedCounts(shop.appid)).toMatchObject({ products: synced(seed).products, orders: 0 });

    const done = await migrate(shop.appid);
    expect(done.lastMigration).toMatchObject({ products: 0, orders: synced(seed).orders });
    expect(await storedCounts(shop.appid)).toMatchObject(synced(seed));
  });
});
