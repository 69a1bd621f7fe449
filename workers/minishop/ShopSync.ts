import { DurableObject } from 'cloudflare:workers';
import {
  DEFAULT_SYNC_RULES,
  type MiniShopSyncRules,
  type ShipOrder,
  type SyncRulesPatch,
} from '../../shared/api/minishop';
import type { Env } from '../env';
import { appendSyncEvents, type NewSyncEvent } from '../monitor/records/syncEventRecords';
import { monitorRoomOf } from '../monitor/roomFeed';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { objectName } from '../platform/objectName';
import { type Refusal, refusal } from '../platform/refusal';
import { SerialQueue } from '../platform/serialQueue';
import { SqlOutbox } from '../platform/sqlOutbox';
import { migrateSchema } from '../platform/sqlSchema';
import { type Database, database } from '../records/db';
import { newId } from '../records/ids';
import type { TokenStore } from './api/accessToken';
import { MiniShopQuotaExhaustedError } from './api/errors';
import {
  copiedTemplateIds,
  findMiniShop,
  type MiniShop,
  saveBoundShop,
  updateMiniShop,
} from './records/miniShopRecords';
import {
  appendJob,
  clearJobs,
  dropJob,
  type FinishedRun,
  forgetShop,
  forgetToken,
  queuedJobs,
  readLastRun,
  readSecret,
  readToken,
  saveJob,
  saveLastRun,
  saveSecret,
  saveToken,
  shopSyncSchema,
} from './shopSyncStore';
import { miniShopMonitorOf } from './sync/monitorView';
import { shipAtMiniShop } from './sync/shipping';
import { shopClient } from './sync/shopClient';
import { advanceJob, newJob, noteError, outcomeOf, type SyncJob } from './sync/syncJob';

export const shopSyncOf = (env: Env, appid: string) => env.SHOP_SYNC.getByName(appid);

/** A failed step is tried again after this many ms times the failures in a row. */
const STEP_RETRY_MS = 15_000;
/** After this many failed steps in a row the run stops and is reported. */
const MAX_STEP_FAILURES = 5;
/** The alarm task that advances the run at the head of the queue by one page. */
export const RUN_STEP = 'step';
/** Log lines are written before each operation answers; should that fail, the alarm tries this soon. */
const LOG_RETRY_MS = 1000;

/** Where a run stands: what the admin API and the monitor show. */
export interface SyncProgress {
  running: Pick<SyncJob, 'kind' | 'runId' | 'startedAt' | 'phase' | 'done' | 'total' | 'errors'> | null;
  queued: Array<SyncJob['kind']>;
  /** How the last run of any kind ended. */
  lastRun: FinishedRun | null;
}

export type ShopView = MiniShop & { progress: SyncProgress };

const migrationRunning = refusal(
  409,
  'migration_running',
  'a migration is running: rules cannot change and the shop cannot be unbound until it ends',
);
const shopNotFound = refusal(404, 'not_found', 'Mini-Shop not bound here', 'appid');
const shopUnbound = refusal(409, 'shop_unbound', 'the Mini-Shop is unbound: bind it again first');

/**
 * One bound Mini-Shop (the object is named by its appid): its secret and token (in this object's
 * storage, never in D1), the single writer of its `minishop_shops` row, and the runs against it
 * (migration, 5-minute order sync, daily product sync), queued and advanced one page per alarm.
 * Everything that changes the shop runs one at a time, so rules cannot change under a running
 * migration; each operation's sync-log lines are in D1 when it answers.
 */
export class ShopSync extends DurableObject<Env> {
  private readonly appid: string;
  private readonly operations = new SerialQueue();
  private readonly schedule: AlarmSchedule;
  private readonly syncLog: SqlOutbox<NewSyncEvent>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.appid = objectName(ctx);
    this.schedule = new AlarmSchedule(ctx.storage);
    this.syncLog = new SqlOutbox(ctx.storage, this.schedule, 'sync_log', {
      send: (events) => appendSyncEvents(this.db(), events),
      flushAfterMs: LOG_RETRY_MS,
      retryMs: LOG_RETRY_MS,
    });
    migrateSchema(
      ctx.storage,
      'shop_sync',
      shopSyncSchema(ctx.storage, () => this.schedule.plan(RUN_STEP, clock.now())),
    );
    ctx.blockConcurrencyWhile(() => this.schedule.resume());
  }

  /** Binds (or binds again) with a secret the Mini-Shop has just accepted. */
  async bind(secret: string, name: string): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      if (this.migrationQueued()) return migrationRunning;
      saveSecret(this.sql, secret);
      forgetToken(this.sql);
      const now = clock.now();
      await saveBoundShop(this.db(), {
        appid: this.appid,
        name,
        status: 'bound',
        rules: DEFAULT_SYNC_RULES,
        boundAt: now,
      });
      await this.log('minishop.bound', { name });
      return this.changed();
    });
  }

  /** Unbinds: credentials forgotten, queued syncs dropped; products and orders stay. */
  async unbind(): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), this.appid);
      if (!shop) return shopNotFound;
      if (this.migrationQueued()) return migrationRunning;
      forgetShop(this.sql);
      await this.schedule.cancel(RUN_STEP);
      if (shop.status === 'bound') {
        await updateMiniShop(this.db(), this.appid, { status: 'unbound', unboundAt: clock.now() });
        await this.log('minishop.unbound', {});
      }
      return this.changed();
    });
  }

  async setRules(patch: SyncRulesPatch): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop();
      if ('refused' in shop) return shop;
      if (this.migrationQueued()) return migrationRunning;
      const rules: MiniShopSyncRules = { ...shop.rules, ...patch };
      if (patch.freight?.kind === 'template' && !(await this.templateExists(shop, patch.freight.templateId))) {
        return refusal(
          404,
          'not_found',
          `freight template ${patch.freight.templateId} not found`,
          'freight.templateId',
        );
      }
      await updateMiniShop(this.db(), this.appid, { rules });
      return this.changed();
    });
  }

  async setAutoSync(autoSync: boolean): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop();
      if ('refused' in shop) return shop;
      await updateMiniShop(this.db(), this.appid, { autoSync });
      return this.changed();
    });
  }

  /** Queues a migration; it starts at once unless another run is ahead of it. */
  async startMigration(): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop();
      if ('refused' in shop) return shop;
      if (this.migrationQueued()) {
        return refusal(409, 'migration_running', 'a migration of this shop is already running');
      }
      await this.enqueue(newJob('migration', newId('run'), clock.now(), 0));
      return this.changed();
    });
  }

  /** The cron's request: an order or product sync, unless auto-sync is off or one is queued. */
  async requestSync(kind: 'orders' | 'products'): Promise<boolean> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), this.appid);
      if (shop?.status !== 'bound' || !shop.autoSync) return false;
      if (queuedJobs(this.sql).some(({ job }) => job.kind === kind)) return false;
      const now = clock.now();
      await this.enqueue(newJob(kind, newId('run'), now, shop.orderCursor ?? shop.boundAt));
      return true;
    });
  }

  /** The shop with its run progress, or a refusal when it was never bound here. */
  async shop(): Promise<ShopView | Refusal> {
    return this.view();
  }

  /** The Mini-Shop's freight templates, for choosing the one products map to. */
  async sourceTemplates() {
    const shop = await this.boundShop();
    if ('refused' in shop) return shop;
    return { templates: await this.source().freightTemplates() };
  }

  /**
   * Ships one of the shop's orders at the Mini-Shop (shipping.ts); refused once unbound. It waits
   * for a sync page in progress, so that page cannot write back the order's state from before.
   */
  async shipOrder(sourceOrderId: string, parcel: ShipOrder): Promise<{ shipped: true } | Refusal> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), this.appid);
      if (shop?.status !== 'bound') {
        return refusal(409, 'shop_unbound', 'orders of an unbound Mini-Shop cannot be shipped or changed here');
      }
      return shipAtMiniShop(this.env, this.db(), this.source(), shop, sourceOrderId, parcel);
    });
  }

  override async alarm(): Promise<void> {
    await this.schedule.run({
      [RUN_STEP]: () =>
        this.serially(async () => {
          try {
            await this.step();
          } finally {
            if (readSecret(this.sql) !== null) await this.changed();
          }
        }),
      ...this.syncLog.tasks,
    });
  }

  private async step(): Promise<void> {
    const head = queuedJobs(this.sql)[0];
    if (!head) return;
    const shop = readSecret(this.sql) !== null ? await findMiniShop(this.db(), this.appid) : null;
    if (shop?.status !== 'bound') {
      clearJobs(this.sql);
      return;
    }
    const { job } = head;
    const now = clock.now();
    let outcome: string | null = null;
    try {
      const finished = await advanceJob(this.env, this.db(), this.source(), shop, job, now);
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
        saveJob(this.sql, head);
        await this.schedule.runAt(RUN_STEP, now + STEP_RETRY_MS * job.failures);
        return;
      }
    }
    if (outcome === null) saveJob(this.sql, head);
    else {
      await this.finish(shop, job, outcome);
      dropJob(this.sql, head.position);
    }
    if (queuedJobs(this.sql).length > 0) await this.schedule.runAt(RUN_STEP, clock.now());
  }

  /** Records the end of a run: the log line, and for a completed one its effect on the shop. */
  private async finish(shop: MiniShop, job: SyncJob, outcome: string): Promise<void> {
    const db = this.db();
    const counts = await outcomeOf(db, shop.appid, job.runId);
    const finishedAt = clock.now();
    if (outcome === 'completed' && job.kind !== 'products') {
      const orderCursor = Math.max(shop.orderCursor ?? 0, job.orderWindow.to);
      const lastMigration =
        job.kind === 'migration' ? { runId: job.runId, startedAt: job.startedAt, finishedAt, ...counts } : undefined;
      await updateMiniShop(db, shop.appid, lastMigration ? { orderCursor, lastMigration } : { orderCursor });
    }
    const lastRun: FinishedRun = { kind: job.kind, runId: job.runId, outcome, finishedAt, errors: job.errors };
    saveLastRun(this.sql, lastRun);
    await this.log(`minishop.${job.kind}`, { ...lastRun, startedAt: job.startedAt, ...counts });
  }

  /** Queues a run; a step already asked for (the head's retry) keeps its time. */
  private async enqueue(job: SyncJob): Promise<void> {
    appendJob(this.sql, job);
    if (this.schedule.dueAt(RUN_STEP) === null) await this.schedule.runAt(RUN_STEP, clock.now());
  }

  private migrationQueued(): boolean {
    return queuedJobs(this.sql).some(({ job }) => job.kind === 'migration');
  }

  private async view(): Promise<ShopView | Refusal> {
    const shop = await findMiniShop(this.db(), this.appid);
    if (!shop) return shopNotFound;
    return { ...shop, progress: this.progress() };
  }

  /** The shop as it now stands, also shown in the monitor room. */
  private async changed(): Promise<ShopView | Refusal> {
    const view = await this.view();
    if (!('refused' in view)) {
      await monitorRoomOf(this.env).showMiniShop(this.appid, miniShopMonitorOf(view, clock.now()));
    }
    return view;
  }

  private progress(): SyncProgress {
    const [head, ...rest] = queuedJobs(this.sql).map(({ job }) => job);
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
    return { running, queued: rest.map((job) => job.kind), lastRun: readLastRun(this.sql) };
  }

  private async boundShop(): Promise<MiniShop | Refusal> {
    const shop = await findMiniShop(this.db(), this.appid);
    if (!shop) return shopNotFound;
    return shop.status === 'bound' ? shop : shopUnbound;
  }

  /** Templates are copied once: after that only the copied ones can be mapped to. */
  private async templateExists(shop: MiniShop, templateId: string): Promise<boolean> {
    if (shop.templatesCopiedAt !== null) return (await copiedTemplateIds(this.db(), shop.appid)).has(templateId);
    const templates = await this.source().freightTemplates();
    return templates.some((t) => t.templateId === templateId);
  }

  private source() {
    const secret = readSecret(this.sql);
    if (secret === null) throw new Error('the Mini-Shop is not bound');
    const tokenStore: TokenStore = {
      load: async () => readToken(this.sql),
      save: async (token) => saveToken(this.sql, token),
    };
    return shopClient(this.env, { appid: this.appid, secret }, tokenStore);
  }

  private get sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  private db(): Database {
    return database(this.env.DB);
  }

  /** Queues a sync-log line; `serially` writes it to D1 before the operation answers. */
  private log(kind: string, detail: Record<string, unknown>): Promise<void> {
    return this.syncLog.add({ at: clock.now(), kind, subject: `minishop:${this.appid}`, source: 'minishop', detail });
  }

  /** Runs `operation` after the ones before it, then writes the log lines it made to D1. */
  private serially<T>(operation: () => Promise<T>): Promise<T> {
    return this.operations.run(async () => {
      try {
        return await operation();
      } finally {
        await this.syncLog.flush();
      }
    });
  }
}
