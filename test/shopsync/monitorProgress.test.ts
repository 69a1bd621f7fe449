import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MINISHOP_MAP, type MiniShopMonitor } from '../../shared/docs/monitor';
import { shopSyncOf } from '../../workers/minishop/ShopSync';
import { admin } from '../support/hub';
import { monitorClient } from '../support/monitor';
import { boundShop, untilIdle } from '../support/shopsync';

describe('Mini-Shop progress in the monitor room', () => {
  it('shows a migration step by step, then its completion time and counts', async () => {
    const shop = await boundShop({ products: 45, orders: 150, seed: 71 });
    const monitor = await monitorClient();
    const shown = () => monitor.doc.getMap<MiniShopMonitor>(MINISHOP_MAP).get(shop.appid);
    await monitor.until(() => shown()?.status === 'bound', 'the bound shop');
    expect(shown()).toMatchObject({ running: null, lastMigration: null, autoSync: true });

    expect((await admin('POST', `/api/admin/minishop/shops/${shop.appid}/migrations`)).status).toBe(202);
    await monitor.until(() => shown()?.running?.kind === 'migration', 'the migration queued');
    const seen: Array<{ products: number; orders: number }> = [];
    while (shown()?.running) {
      const done = shown()?.running?.done;
      if (done) seen.push(done);
      const frames = monitor.updateFrames;
      await runDurableObjectAlarm(shopSyncOf(env, shop.appid));
      await monitor.until(() => monitor.updateFrames > frames, 'the next step shown');
    }
    // Pages of 20 products: the monitor saw the count grow before the run ended.
    expect(new Set(seen.map((d) => d.products)).size).toBeGreaterThan(2);
    const view = await untilIdle(shop.appid);
    expect(shown()).toMatchObject({
      running: null,
      lastRun: { kind: 'migration', outcome: 'completed', errors: 0 },
      lastMigration: { products: view.lastMigration?.products, orders: view.lastMigration?.orders },
    });
    expect(shown()?.lastMigration?.products).toBeGreaterThan(0);

    expect((await admin('DELETE', `/api/admin/minishop/shops/${shop.appid}`)).status).toBe(200);
    await monitor.until(() => shown()?.status === 'unbound', 'the shop unbound');
    monitor.close();
  });
});
