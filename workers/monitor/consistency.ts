import type { CheckName, CheckResult, CheckSweep, Checks } from '../../shared/docs/monitor';
import { type SkuAudit, skuRoomOf } from '../catalog/SkuRoom';
import type { Env } from '../env';
import { memberRoomOf } from '../members/MemberRoom';
import { clock } from '../platform/clock';
import { inBatches } from '../platform/inBatches';
import { database } from '../records/db';
import type { CheckEnd, CheckStart } from './checkMarks';
import { ledgerSums, type RecordScope, skuRecords } from './records/consistencyRecords';
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
  /** The ids differing or in flight: the next check reads them again, whatever changed. */
  lookAgain: string[];
  /** The newest change number (`audit_seq`) among the records read: the next changed sweep starts after it. */
  seq: number;
}

/** The change number a sweep of `scope` covers at least. */
const seqFrom = (scope: RecordScope): number => (scope.sweep === 'changed' ? scope.afterSeq : 0);

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

/** Price, stock and listing in the SKU rooms in scope against their D1 rows; only those rooms are woken. */
export const auditSkus = async (env: Env, scope: RecordScope): Promise<Audit<SkuAudit & { skuId: string }>> => {
  const records = await skuRecords(database(env.DB), scope);
  const rooms = await inBatches(records, (r) => skuRoomOf(env, r.skuId).audit());
  const now = clock.now();
  const standing = records.map((record, i) => ({ record, standing: standingOf(record, rooms[i], now) }));
  const pending = rooms.flatMap((room) => (room?.pendingSince == null ? [] : [room.pendingSince]));
  return {
    checked: records.length,
    differing: standing.filter((s) => s.standing === 'differing').map((s) => s.record),
    inFlight: standing.filter((s) => s.standing === 'inFlight').length,
    outboxLagMs: pending.length > 0 ? now - Math.min(...pending) : null,
    lookAgain: standing.filter((s) => s.standing !== 'same').map((s) => s.record.skuId),
    seq: Math.max(seqFrom(scope), ...records.map((r) => r.auditSeq)),
  };
};

/**
 * Points and balance in the `assets` of the members in scope (where an account document exists)
 * against the ledger sums; only those members' rooms are woken.
 */
export const auditAssets = async (env: Env, scope: RecordScope): Promise<Audit<{ memberId: string }>> => {
  const { sums, seq } = await ledgerSums(database(env.DB), scope);
  const mirrored = await inBatches(sums, (s) => memberRoomOf(env, s.memberId).mirroredAssets());
  const differing = sums.filter((s, i) => {
    const assets = mirrored[i];
    return assets && (assets.points !== s.points || assets.balance !== s.balance);
  });
  // Account documents are rewritten in the same request as the ledgers: there is no outbox to wait for.
  return {
    checked: mirrored.filter((a) => a !== null).length,
    differing,
    inFlight: 0,
    outboxLagMs: null,
    lookAgain: differing.map((s) => s.memberId),
    seq: Math.max(seqFrom(scope), seq),
  };
};

/**
 * Orders accepted by a member object and still in its order outbox (`orderOutbox.ts`), for the
 * members on the look-again list: a member object puts itself there when a flush fails (one whose
 * flushes succeed has nothing waiting beyond its flush), so the check never wakes every member.
 * A member whose oldest order waited longer than `IN_FLIGHT_FOR_MS` differs, a younger one is in
 * flight; both stay on the list, one found with nothing waiting leaves it. Records are members.
 */
export const auditOrders = async (env: Env, scope: RecordScope): Promise<Audit<{ memberId: string }>> => {
  const audits = await inBatches(scope.ids, (memberId) => memberRoomOf(env, memberId).orderAudit());
  const now = clock.now();
  const waiting = scope.ids.flatMap((memberId, i) => {
    const since = audits[i]?.oldestQueuedAt;
    return since == null ? [] : [{ memberId, since }];
  });
  return {
    checked: scope.ids.length,
    differing: waiting.filter((w) => now - w.since > IN_FLIGHT_FOR_MS).map(({ memberId }) => ({ memberId })),
    inFlight: waiting.filter((w) => now - w.since <= IN_FLIGHT_FOR_MS).length,
    outboxLagMs: waiting.length > 0 ? now - Math.min(...waiting.map((w) => w.since)) : null,
    lookAgain: waiting.map((w) => w.memberId),
    seq: seqFrom(scope),
  };
};

/** A check's run from where the monitor says it starts: what its audit found, shown and settled. */
const check =
  <Record>(audit: (env: Env, scope: RecordScope) => Promise<Audit<Record>>, idOf: (record: Record) => string) =>
  async (env: Env, start: CheckStart, startedAt: number) => {
    const found = await audit(env, start.scope);
    const result: CheckResult = {
      consistent: found.differing.length === 0,
      checked: found.checked,
      sweep: start.scope.sweep,
      since: start.since,
      differing: found.differing.length,
      ids: found.differing.slice(0, IDS_SHOWN).map(idOf),
      inFlight: found.inFlight,
      outboxLagMs: found.outboxLagMs,
      checkedAt: clock.now(),
    };
    const end: CheckEnd = { seq: found.seq, lookAgain: found.lookAgain, upTo: start.upTo, at: startedAt };
    return { found, result, end };
  };

/** Every consistency check the monitor shows; another one is its audit and a line here. */
const CHECKS = {
  skus: check(auditSkus, (r) => r.skuId),
  assets: check(auditAssets, (r) => r.memberId),
  orders: check(auditOrders, (r) => r.memberId),
} satisfies Record<CheckName, unknown>;

type CheckRuns = { [Name in CheckName]: Awaited<ReturnType<(typeof CHECKS)[Name]>> };
export type Audits = { [Name in CheckName]: CheckRuns[Name]['found'] };

/**
 * Every check over what `sweep` covers (`checkMarks.ts`): a changed sweep reads the records D1
 * changed since the last check and those to look at again, so its cost follows what changed; a
 * full one reads everything. What each found, as the monitor shows it, is settled there for the
 * next check. A check that fails settles nothing, so the next one covers its records again.
 */
export const sweepChecks = async (env: Env, sweep: CheckSweep): Promise<{ audits: Audits; checks: Checks }> => {
  const names = Object.keys(CHECKS) as CheckName[];
  const monitor = monitorRoomOf(env);
  const startedAt = clock.now();
  const starts = await monitor.startChecks(names, sweep);
  const runs = await Promise.all(
    names.map(async (name) => {
      const start = starts[name];
      if (!start) throw new Error(`the monitor has no start for the ${name} check`);
      return [name, await CHECKS[name](env, start, startedAt)] as const;
    }),
  );
  await monitor.endChecks(Object.fromEntries(runs.map(([name, run]) => [name, run.end])));
  return {
    audits: Object.fromEntries(runs.map(([name, run]) => [name, run.found])) as Audits,
    checks: Object.fromEntries(runs.map(([name, run]) => [name, run.result])) as Checks,
  };
};

/** Every consistency check, as the monitor shows it; `changed` unless told. */
export const runChecks = async (env: Env, sweep: CheckSweep = 'changed'): Promise<Checks> =>
  (await sweepChecks(env, sweep)).checks;
