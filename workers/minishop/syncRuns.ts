import { clock } from '../platform/clock';
import { MiniShopQuotaExhaustedError } from './api/errors';
import { findMiniShop, type MiniShop, updateMiniShop } from './records/miniShopRecords';
import type { ShopContext } from './shopContext';
import {
  appendJob,
  clearJobs,
  dropJob,
  type FinishedRun,
  queuedJobs,
  readLastRun,
  readSecret,
  saveJob,
  saveLastRun,
} from './shopSyncStore';
import { advanceJob, noteError, outcomeOf, type SyncJob } from './sync/syncJob';

/** A failed step is tried again after this many ms times the failures in a row. */
const STEP_RETRY_MS = 15_000;
/** After this many failed steps in a row the run stops and is reported. */
const MAX_STEP_FAILURES = 5;
/** The alarm task that advances the run at the head of the queue by one page. */
export const RUN_STEP = 'step';

/** Where a run stands: what the admin API and the monitor show. */
export interface SyncProgress {
  running: Pick<SyncJob, 'kind' | 'runId' | 'startedAt' | 'phase' | 'done' | 'total' | 'errors'> | null;
  queued: Array<SyncJob['kind']>;
  /** How the last run of any kind ended. */
  lastRun: FinishedRun | null;
}

/**
 * Advances the run at the head of the queue by one page, then asks for the next step: at once
 * while runs are queued, later after a failure. An unbound shop's queue is dropped.
 */
export const step = async (sync: ShopContext): Promise<void> => {
  const head = queuedJobs(sync.sql)[0];
  if (!head) return;
  const shop = readSecret(sync.sql) !== null ? await findMiniShop(sync.db(), sync.appid) : null;
  if (shop?.status !== 'bound') {
    clearJobs(sync.sql);
    return;
  }
  const { job } = head;
  const now = clock.now();
  let outcome: string | null = null;
  try {
    const finished = await advanceJob(sync.env, sync.db(), sync.source(), shop, job, now);
    job.failures = 0;
    if (finished) outcome = 'completed';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    noteError(job, message);
    job.failures += 1;
    // 45009: the daily quota is spent; trying again today cannot help, so the run stops.
    if (error instanceof MiniShopQuotaExhaustedError) outcome = 'quota_exhausted';
    else if (job.failures >= MAX_STEP_FAILURES) outcome = 'failed';
    else {
      saveJob(sync.sql, head);
      await sync.schedule.runAt(RUN_STEP, now + STEP_RETRY_MS * job.failures);
      return;
    }
  }
  if (outcome === null) saveJob(sync.sql, head);
  else {
    await finish(sync, shop, job, outcome);
    dropJob(sync.sql, head.position);
  }
  if (queuedJobs(sync.sql).length > 0) await sync.schedule.runAt(RUN_STEP, clock.now());
};

/** Records the end of a run: the log line, and for a completed one its effect on the shop. */
const finish = async (sync: ShopContext, shop: MiniShop, job: SyncJob, outcome: string): Promise<void> => {
  const db = sync.db();
  const counts = await outcomeOf(db, shop.appid, job.runId);
  const finishedAt = clock.now();
  if (outcome === 'completed' && job.kind !== 'products') {
    const orderCursor = Math.max(shop.orderCursor ?? 0, job.orderWindow.to);
    const lastMigration =
      job.kind === 'migration' ? { runId: job.runId, startedAt: job.startedAt, finishedAt, ...counts } : undefined;
    await updateMiniShop(db, shop.appid, lastMigration ? { orderCursor, lastMigration } : { orderCursor });
  }
  const lastRun: FinishedRun = { kind: job.kind, runId: job.runId, outcome, finishedAt, errors: job.errors };
  saveLastRun(sync.sql, lastRun);
  await sync.log(`minishop.${job.kind}`, { ...lastRun, startedAt: job.startedAt, ...counts });
};

/** Queues a run; a step already asked for (the head's retry) keeps its time. */
export const enqueue = async (sync: ShopContext, job: SyncJob): Promise<void> => {
  appendJob(sync.sql, job);
  if (sync.schedule.dueAt(RUN_STEP) === null) await sync.schedule.runAt(RUN_STEP, clock.now());
};

export const migrationQueued = (sync: ShopContext): boolean =>
  queuedJobs(sync.sql).some(({ job }) => job.kind === 'migration');

export const progress = (sync: ShopContext): SyncProgress => {
  const [head, ...rest] = queuedJobs(sync.sql).map(({ job }) => job);
  const running = head
    ? {
        kind: head.kind,
        runId: head.runId,
        startedAt: head.startedAt,
        phase: head.phase,
        done: head.done,
        total: head.total,
        errors: head.errors,
      }
    : null;
  return { running, queued: rest.map((job) => job.kind), lastRun: readLastRun(sync.sql) };
};
