import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { SKU_MAP } from '../shared/docs/sku';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import worker from '../workers/index';
import { CRONS } from '../workers/minishop/sync/cron';
import { IN_FLIGHT_FOR_MS } from '../workers/monitor/consistency';
import { accountClient } from './support/account';
import { refuseSkuWriteThrough } from './support/d1Faults';
import { holdClock } from './support/heldClock';
import { createProduct, firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { checksOf, forceSync, monitorClient, runChecks } from './support/monitor';
import { RoomClient } from './support/roomClient';
import { rpcFailure } from './support/rpcFailure';

/** A change to a SKU row that D1's change sequence does not show, as a restore from a backup would leave. */
const driftUnseen = async (skuId: string, stock: number): Promise<void> => {
  const row = await env.DB.prepare('SELECT audit_seq FROM skus WHERE id = ?')
    .bind(skuId)
    .first<{ audit_seq: number }>();
  await env.DB.batch([
    env.DB.prepare('UPDATE skus SET stock = ? WHERE id = ?').bind(stock, skuId),
    env.DB.prepare('UPDATE skus SET audit_seq = ? WHERE id = ?').bind(row?.audit_seq, skuId),
  ]);
};

describe('checks that read what changed since the last check', () => {
  // Whatever earlier tests left is read and settled first: each test starts from a quiet mall.
  beforeEach(async () => {
    await forceSync();
  });

  it('reads nothing, and wakes no room, when nothing changed since the last check', async () => {
    const checks = await runChecks();
    expect(checks.skus).toMatchObject({ consistent: true, checked: 0, sweep: 'changed', inFlight: 0 });
    expect(checks.assets).toMatchObject({ consistent: true, checked: 0, sweep: 'changed' });
    expect(checks.skus.since).toBeLessThanOrEqual(checks.skus.checkedAt);
  });

  it('finds the SKU row changed in D1 behind its room at the next check, reading only that row', async () => {
    const monitor = await monitorClient();
    const sku = await firstSku();
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');
    expect((await runChecks()).skus).toMatchObject({ consistent: true, checked: 1 });

    await env.DB.prepare('UPDATE skus SET stock = 3 WHERE id = ?').bind(sku.skuId).run();
    const checks = await runChecks();
    expect(checks.skus).toMatchObject({ consistent: false, checked: 1, differing: 1, ids: [sku.skuId] });
    await monitor.until(() => checksOf(monitor).skus?.differing === 1, 'the monitor to show the difference');
    expect(checksOf(monitor).skus).toMatchObject({ checked: 1, sweep: 'changed', since: expect.any(Number) });
    shopper.close();
    monitor.close();
  });

  it('finds a change its room cannot write to D1, which D1 never shows', async () => {
    const sku = await firstSku();
    await runChecks();
    // Held, the clock rings no outbox retry on its own: D1 takes the change only when Force Sync flushes it.
    const time = holdClock();
    const restoreD1 = await refuseSkuWriteThrough(sku.skuId);
    expect(String(await rpcFailure(skuRoomOf(env, sku.skuId).edit({ price: sku.price + 1 })))).toContain(
      'D1 unavailable',
    );

    // The room told the monitor before its edit failed: the next check reads it though D1 did not change.
    expect((await runChecks()).skus).toMatchObject({ checked: 1, inFlight: 1, consistent: true });
    time.move(IN_FLIGHT_FOR_MS + 1000);
    expect((await runChecks()).skus).toMatchObject({ checked: 1, inFlight: 0, differing: 1, ids: [sku.skuId] });

    await restoreD1();
    const repaired = await forceSync();
    expect(repaired.skus).toEqual([sku.skuId]);
    expect(repaired.checks.skus.consistent).toBe(true);
    expect((await runChecks()).skus.checked).toBe(0);
  });

  it('reads a differing SKU again at every check until it is consistent, then no more', async () => {
    const sku = await firstSku();
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    await runChecks();
    await env.DB.prepare('UPDATE skus SET stock = 3 WHERE id = ?').bind(sku.skuId).run();
    expect((await runChecks()).skus).toMatchObject({ checked: 1, differing: 1, ids: [sku.skuId] });
    // Nothing changed in D1 since, and the SKU still differs.
    expect((await runChecks()).skus).toMatchObject({ checked: 1, differing: 1, ids: [sku.skuId] });

    // D1 given the room's stock back: consistent at the next check, read no more after it.
    await env.DB.prepare('UPDATE skus SET stock = ? WHERE id = ?').bind(sku.stock, sku.skuId).run();
    expect((await runChecks()).skus).toMatchObject({ checked: 1, consistent: true });
    expect((await runChecks()).skus).toMatchObject({ checked: 0, consistent: true });
    shopper.close();
  });

  it('leaves a room that drifted with no change in D1 to the full sweep, which the nightly cron runs', async () => {
    const monitor = await monitorClient();
    const { skus } = await createProduct(2);
    const [sku, other] = skus;
    if (!sku || !other) throw new Error('no SKUs created');
    const shoppers = await Promise.all(skus.map((s) => RoomClient.connect(`sku:${s.skuId}`, 'h5')));
    await runChecks();
    await driftUnseen(sku.skuId, 4);
    expect((await runChecks()).skus).toMatchObject({ checked: 0, consistent: true });

    const full = await runChecks('full');
    expect(full.skus).toMatchObject({ sweep: 'full', since: null, consistent: false, differing: 1, ids: [sku.skuId] });
    expect(full.skus.checked).toBeGreaterThanOrEqual(2);
    // Found once, the SKU is read by every check until repaired.
    expect((await runChecks()).skus).toMatchObject({ checked: 1, ids: [sku.skuId] });

    await driftUnseen(other.skuId, 5);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: CRONS.products, scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    await monitor.until(
      () => checksOf(monitor).skus?.sweep === 'full' && checksOf(monitor).skus?.differing === 2,
      'the nightly sweep to find both drifted rooms',
    );

    expect((await forceSync()).skus.toSorted()).toEqual([sku.skuId, other.skuId].toSorted());
    const [shopper] = shoppers;
    await shopper?.until(() => shopper.doc.getMap(SKU_MAP).get('stock') === 4, 'the client to hold D1’s stock');
    for (const client of shoppers) client.close();
    monitor.close();
  });

  it('Force Sync repairs what changed and what was left differing, and checks only those again', async () => {
    const { skus } = await createProduct(3);
    const shoppers = await Promise.all(skus.map((s) => RoomClient.connect(`sku:${s.skuId}`, 'app')));
    const session = await phoneLogin(freshPhone(), 'app');
    const account = await accountClient(session, 'app');
    await runChecks();

    const changed = skus.slice(0, 2).map((s) => s.skuId);
    for (const skuId of changed) await env.DB.prepare('UPDATE skus SET price = 1 WHERE id = ?').bind(skuId).run();
    await env.DB.prepare(
      "INSERT INTO points_ledger (member_id, delta, reason, operator, at) VALUES (?, 300, 'manual fix', 'admin', ?)",
    )
      .bind(session.memberId, Date.now())
      .run();

    const result = await forceSync();
    expect(result.skus.toSorted()).toEqual(changed.toSorted());
    expect(result.members).toEqual([session.memberId]);
    // The check after the repairs reads the rows the repairs wrote and the account left differing.
    expect(result.checks.skus).toMatchObject({ consistent: true, checked: 2, sweep: 'changed' });
    expect(result.checks.assets).toMatchObject({ consistent: true, checked: 1, sweep: 'changed' });
    await account.until(() => account.doc.getMap('assets').get('points') === 300, 'the account to show 300 points');

    const after = await runChecks();
    expect([after.skus.checked, after.assets.checked]).toEqual([0, 0]);
    for (const shopper of shoppers) shopper.close();
    account.close();
  });
});
