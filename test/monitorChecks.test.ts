import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SKU_MAP } from '../shared/docs/sku';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import worker from '../workers/index';
import { CRONS } from '../workers/minishop/sync/cron';
import { IN_FLIGHT_FOR_MS } from '../workers/monitor/consistency';
import { accountClient } from './support/account';
import { moveClock } from './support/clock';
import { refuseSkuWriteThrough } from './support/d1Faults';
import { holdClock } from './support/heldClock';
import { admin, firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { checksOf, forceSync, monitorClient, runChecks } from './support/monitor';
import { RoomClient } from './support/roomClient';
import { rpcFailure } from './support/rpcFailure';

const logKinds = async (): Promise<string[]> => {
  const page = (await (await admin('GET', '/api/admin/monitor/log?limit=100')).json()) as {
    events: Array<{ kind: string }>;
  };
  return page.events.map((e) => e.kind);
};

describe('consistency checks and Force Sync', () => {
  it('finds a SKU row changed behind the room’s back, and Force Sync gives every client the D1 value', async () => {
    const monitor = await monitorClient();
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const shopper = await RoomClient.connect(room, 'mini');
    expect((await runChecks()).skus).toMatchObject({ consistent: true, differing: 0 });

    await env.DB.prepare('UPDATE skus SET stock = 3, price = 1 WHERE id = ?').bind(sku.skuId).run();
    const checks = await runChecks();
    expect(checks.skus).toMatchObject({ consistent: false, differing: 1, ids: [sku.skuId] });
    expect(checks.assets.consistent).toBe(true);
    await monitor.until(() => checksOf(monitor).skus?.consistent === false, 'the monitor to show the difference');
    expect(checksOf(monitor).skus?.ids).toEqual([sku.skuId]);

    const result = await forceSync();
    expect(result.skus).toEqual([sku.skuId]);
    expect(result.checks.skus).toMatchObject({ consistent: true, differing: 0 });
    await shopper.until(() => shopper.doc.getMap(SKU_MAP).get('stock') === 3, 'the client to hold D1’s stock');
    expect(shopper.doc.getMap(SKU_MAP).toJSON()).toMatchObject({ stock: 3, price: 1, rev: sku.rev + 1 });
    const row = await env.DB.prepare('SELECT stock, price, rev FROM skus WHERE id = ?').bind(sku.skuId).first();
    expect(row).toEqual({ stock: 3, price: 1, rev: sku.rev + 1 });
    await monitor.until(() => checksOf(monitor).skus?.consistent === true, 'the monitor to show Consistent');
    expect(await logKinds()).toEqual(expect.arrayContaining(['monitor.check', 'monitor.force-sync']));

    // Nothing differs now: a second Force Sync repairs nothing and changes no room.
    expect((await forceSync()).skus).toEqual([]);
    expect(shopper.doc.getMap(SKU_MAP).get('rev')).toBe(sku.rev + 1);
    shopper.close();
    monitor.close();
  });

  it('finds points that do not match the ledger, and Force Sync rewrites the account from the ledgers', async () => {
    const session = await phoneLogin(freshPhone(), 'app');
    const account = await accountClient(session, 'app');
    expect(account.doc.getMap('assets').get('points')).toBe(0);

    // A ledger row written outside the member's room: the account document no longer adds up.
    await env.DB.prepare(
      "INSERT INTO points_ledger (member_id, delta, reason, operator, at) VALUES (?, 500, 'manual fix', 'admin', ?)",
    )
      .bind(session.memberId, Date.now())
      .run();
    const checks = await runChecks();
    expect(checks.assets).toMatchObject({ consistent: false, differing: 1, ids: [session.memberId] });

    const result = await forceSync();
    expect(result.members).toEqual([session.memberId]);
    expect(result.checks.assets.consistent).toBe(true);
    await account.until(() => account.doc.getMap('assets').get('points') === 500, 'the account to show 500 points');
    account.close();
  });

  it('runs on the schedule too, and shows the result on the monitor', async () => {
    const monitor = await monitorClient();
    const sku = await firstSku();
    // The room must be live: a cold SKU room loads its state from D1 and so always agrees with it.
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    await env.DB.prepare('UPDATE skus SET listed = 0 WHERE id = ?').bind(sku.skuId).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: CRONS.orders, scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    await monitor.until(
      () => checksOf(monitor).skus?.ids.includes(sku.skuId) === true,
      'the scheduled check to name the SKU',
    );
    await forceSync();
    await shopper.until(() => shopper.doc.getMap(SKU_MAP).get('listed') === false, 'the SKU delisted as in D1');
    shopper.close();
    monitor.close();
  });

  it('counts a room whose change is still on its way to D1 as in flight, with the lag, and leaves it alone', async () => {
    const sku = await firstSku();
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'h5');
    // A change the room made 3 s ago that has not reached D1 yet: D1 refuses its write-through.
    const restoreD1 = await refuseSkuWriteThrough(sku.skuId);
    expect(String(await rpcFailure(skuRoomOf(env, sku.skuId).edit({ price: sku.price + 1 })))).toContain(
      'D1 unavailable',
    );
    moveClock(3000);
    await env.DB.prepare('UPDATE skus SET stock = 99 WHERE id = ?').bind(sku.skuId).run();

    const checks = await runChecks();
    expect(checks.skus.inFlight).toBe(1);
    expect(checks.skus.ids).not.toContain(sku.skuId);
    expect(checks.skus.outboxLagMs).toBeGreaterThanOrEqual(3000);
    expect((await forceSync()).skus).not.toContain(sku.skuId);
    expect(shopper.doc.getMap(SKU_MAP).get('stock')).toBe(sku.stock);
    shopper.close();
    await restoreD1();
  });

  it('counts a change stuck in the outbox beyond the in-flight bound as differing, and Force Sync flushes it', async () => {
    const sku = await firstSku();
    // Held, the clock rings no outbox retry on its own: D1 takes the change only when Force Sync flushes it.
    const time = holdClock();
    const restoreD1 = await refuseSkuWriteThrough(sku.skuId);
    expect(String(await rpcFailure(skuRoomOf(env, sku.skuId).edit({ price: sku.price + 1 })))).toContain(
      'D1 unavailable',
    );
    time.move(IN_FLIGHT_FOR_MS + 1000);

    const checks = await runChecks();
    expect(checks.skus.consistent).toBe(false);
    expect(checks.skus.ids).toContain(sku.skuId);
    expect(checks.skus.inFlight).toBe(0);
    expect((await forceSync()).skus).not.toContain(sku.skuId);

    await restoreD1();
    const repaired = await forceSync();
    expect(repaired.skus).toContain(sku.skuId);
    expect(repaired.checks.skus.consistent).toBe(true);
    const row = await env.DB.prepare('SELECT price FROM skus WHERE id = ?').bind(sku.skuId).first<{ price: number }>();
    expect(row?.price).toBe(sku.price + 1);
  });
});
