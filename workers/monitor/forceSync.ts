import type { ForceSyncResult } from '../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../shared/rooms';
import { skuRoomOf } from '../catalog/SkuRoom';
import type { Env } from '../env';
import { memberRoomOf } from '../members/MemberRoom';
import { clock } from '../platform/clock';
import { inBatches } from '../platform/inBatches';
import { isRefusal } from '../platform/refusal';
import { database } from '../records/db';
import { runChecks, sweepChecks } from './consistency';
import { appendSyncEvents } from './records/syncEventRecords';
import { monitorRoomOf } from './roomFeed';

/**
 * Force Sync: runs the checks as the button does (what changed since the last check, and what it
 * left differing or in flight), repairs every room they find differing from D1 — a SKU room takes
 * its D1 row (as a change every connected client receives), an account room is rewritten from the
 * ledgers, a member's order outbox holding orders stuck on their way to D1 is flushed — then checks again, shows and logs what was repaired, and answers it. A room that
 * drifted with no change in D1 is found by the nightly full sweep, and repaired by the next Force
 * Sync from there.
 */
export const forceSync = async (env: Env): Promise<ForceSyncResult> => {
  const { skus, assets, orders } = (await sweepChecks(env, 'changed')).audits;
  const skuRepairs = await inBatches(skus.differing, async ({ skuId }) => ({
    skuId,
    changes: await skuRoomOf(env, skuId).reconcile(),
  }));
  const memberRepairs = await inBatches(assets.differing, async ({ memberId }) => ({
    memberId,
    repaired: !isRefusal(await memberRoomOf(env, memberId).account()),
  }));
  // Orders stuck in a member's order outbox are written to D1 by flushing it.
  const orderRepairs = await inBatches(orders.differing, async ({ memberId }) => ({
    memberId,
    flushed: await memberRoomOf(env, memberId)
      .flushOrders()
      .then(
        () => true,
        () => false,
      ),
  }));
  const repairedSkus = skuRepairs.filter((r) => r.changes !== null);
  const result: ForceSyncResult = {
    at: clock.now(),
    skus: repairedSkus.map((r) => r.skuId),
    members: memberRepairs.filter((r) => r.repaired).map((r) => r.memberId),
    orders: orderRepairs.filter((r) => r.flushed).map((r) => r.memberId),
    checks: await runChecks(env),
  };
  await monitorRoomOf(env).showForceSync(result);
  await appendSyncEvents(database(env.DB), [
    {
      at: result.at,
      kind: 'monitor.force-sync',
      subject: MONITOR_ROOM,
      source: 'admin',
      detail: { skus: repairedSkus, members: result.members, orders: result.orders, consistent: result.checks },
    },
  ]);
  return result;
};
