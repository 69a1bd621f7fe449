import type { CheckResult, Checks } from '../../shared/docs/monitor';
import { type SkuAudit, skuRoomOf } from '../catalog/SkuRoom';
import type { Env } from '../env';
import { memberRoomOf } from '../members/MemberRoom';
import { clock } from '../platform/clock';
import { inBatches } from '../platform/inBatches';
import { database } from '../records/db';
import { ledgerSums, skuRecords } from './records/consistencyRecords';
import { monitorRoomOf } from './roomFeed';

/** How many differing ids a check result names. */
const IDS_SHOWN = 20;
/**
 * How long a change may wait in a SKU room's outbox and still count as in flight: its flush is
 * due within a second (SkuRoom.ts), so a change older than this is D1 stuck behind the room, and
 * the SKU counts as differing (Force Sync then flushes that room's outbox).
 */
export const IN_FLIGHT_FOR_MS = 5000;

/** What one comparison of rooms against D1 found; `differing` has every record, with D1's values. */
export interface Audit<Record> {
  checked: number;
  differing: Record[];
  inFlight: number;
  /** Age of the oldest change still in a room's outbox on its way to D1; null when none waits. */
  outboxLagMs: number | null;
}

/**
 * One SKU room against its D1 row: a change younger than `IN_FLIGHT_FOR_MS` still on its way is
 * in flight (not compared); an older one differs whatever the values say.
 */
const standingOf = (
  record: SkuAudit,
  room: (SkuAudit & { pendingSince: number | null }) | null | undefined,
  now: number,
): 'same' | 'differing' | 'inFlight' => {
  if (!room) return 'same';
  if (room.pendingSince !== null) return now - room.pendingSince > IN_FLIGHT_FOR_MS ? 'differing' : 'inFlight';
  const same = room.price === record.price && room.stock === record.stock && room.listed === record.listed;
  return same ? 'same' : 'differing';
};

/** Price, stock and listing in every SKU room against its D1 row. */
export const auditSkus = async (env: Env): Promise<Audit<SkuAudit & { skuId: string }>> => {
  const records = await skuRecords(database(env.DB));
  const rooms = await inBatches(records, (r) => skuRoomOf(env, r.skuId).audit());
  const now = clock.now();
  const standing = records.map((record, i) => ({ record, standing: standingOf(record, rooms[i], now) }));
  const pending = rooms.flatMap((room) => (room?.pendingSince == null ? [] : [room.pendingSince]));
  return {
    checked: records.length,
    differing: standing.filter((s) => s.standing === 'differing').map((s) => s.record),
    inFlight: standing.filter((s) => s.standing === 'inFlight').length,
    outboxLagMs: pending.length > 0 ? now - Math.min(...pending) : null,
  };
};

/** Points and balance in every member's `assets` (where an account document exists) against the ledger sums. */
export const auditAssets = async (env: Env): Promise<Audit<{ memberId: string }>> => {
  const sums = await ledgerSums(database(env.DB));
  const mirrored = await inBatches(sums, (s) => memberRoomOf(env, s.memberId).mirroredAssets());
  const differing = sums.filter((s, i) => {
    const assets = mirrored[i];
    return assets && (assets.points !== s.points || assets.balance !== s.balance);
  });
  // Account documents are rewritten in the same request as the ledgers: there is no outbox to wait for.
  return { checked: mirrored.filter((a) => a !== null).length, differing, inFlight: 0, outboxLagMs: null };
};

/**
 * Orders accepted by a member object and still in its order outbox (`orderOutbox.ts`), for the
 * members that object noted to the monitor when a flush failed (a member whose flushes succeed
 * has nothing waiting beyond its flush): one whose oldest order waited longer than
 * `IN_FLIGHT_FOR_MS` differs, a younger one is in flight. A member found with nothing waiting is
 * forgotten. Records are members.
 */
export const auditOrders = async (env: Env): Promise<Audit<{ memberId: string }>> => {
  const monitor = monitorRoomOf(env);
  const memberIds = await monitor.waitingOrderOutboxes();
  const audits = await inBatches(memberIds, (memberId) => memberRoomOf(env, memberId).orderAudit());
  const now = clock.now();
  const caughtUp = memberIds.filter((_, i) => audits[i]?.oldestQueuedAt == null);
  if (caughtUp.length > 0) await monitor.orderOutboxesCaughtUp(caughtUp);
  const waiting = memberIds.flatMap((memberId, i) => {
    const since = audits[i]?.oldestQueuedAt;
    return since == null ? [] : [{ memberId, since }];
  });
  return {
    checked: memberIds.length,
    differing: waiting.filter((w) => now - w.since > IN_FLIGHT_FOR_MS).map(({ memberId }) => ({ memberId })),
    inFlight: waiting.filter((w) => now - w.since <= IN_FLIGHT_FOR_MS).length,
    outboxLagMs: waiting.length > 0 ? now - Math.min(...waiting.map((w) => w.since)) : null,
  };
};

const resultOf = <R>(audit: Audit<R>, idOf: (record: R) => string, at: number): CheckResult => ({
  consistent: audit.differing.length === 0,
  checked: audit.checked,
  differing: audit.differing.length,
  ids: audit.differing.slice(0, IDS_SHOWN).map(idOf),
  inFlight: audit.inFlight,
  outboxLagMs: audit.outboxLagMs,
  checkedAt: at,
});

/** The consistency checks, as the monitor shows them. */
export const runChecks = async (env: Env): Promise<Checks> => {
  const [skus, assets, orders] = await Promise.all([auditSkus(env), auditAssets(env), auditOrders(env)]);
  const at = clock.now();
  return {
    skus: resultOf(skus, (r) => r.skuId, at),
    assets: resultOf(assets, (r) => r.memberId, at),
    orders: resultOf(orders, (r) => r.memberId, at),
  };
};
