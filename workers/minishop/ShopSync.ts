import { DurableObject } from 'cloudflare:workers';
import { syncEvents } from '../../schema';
import {
  DEFAULT_SYNC_RULES,
  type MiniShopSyncRules,
  type ShipOrder,
  type SyncRulesPatch,
} from '../../shared/api/minishop';
import type { Env } from '../env';
import { monitorRoomOf } from '../monitor/roomFeed';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import { type Database, database } from '../records/db';
import { newId } from '../records/ids';
import type { CachedToken, ShopCredentials, TokenStore } from './api/accessToken';
import { MiniShopQuotaExhaustedError } from './api/errors';
import {
  copiedTemplateIds,
  findMiniShop,
  type MiniShop,
  saveBoundShop,
  updateMiniShop,
} from './records/miniShopRecords';
import { miniShopMonitorOf } from './sync/monitorView';
import { shipAtMiniShop } from './sync/shipping';
import { shopClient } from './sync/shopClient';
import { advanceJob, newJob, noteError, outcomeOf, type SyncJob } from './sync/syncJob';

export const shopSyncOf = (env: Env, appid: string) => env.SHOP_SYNC.get(env.SHOP_SYNC.idFromName(appid));

/** A failed step is tried again after this many ms times the failures in a row. */
const STEP_RETRY_MS = 15_000;
/** After this many failed steps in a row the run stops and is reported. */
const MAX_STEP_FAILURES = 5;

/** Where a run stands: what the admin API and the monitor show. */
export interface SyncProgress {
  running: Pick<SyncJob, 'kind' | 'runId' | 'startedAt' | 'phase' | 'done' | 'total' | 'errors'> | null;
  queued: Array<SyncJob['kind']>;
  /** How the last run of any kind ended. */
  lastRun: { kind: SyncJob['kind']; runId: string; outcome: string; finishedAt: number; errors: string[] } | null;
}

export type ShopView = MiniShop & { progress: SyncProgress };

const KEYS = { credentials: 'credentials', token: 'token', queue: 'queue', lastRun: 'lastRun' } as const;

const migrationRunning = refusal(
  409,
  'migration_running',
  'a migration is running: rules cannot change and the shop cannot be unbound until it ends',
);
const shopNotFound = refusal(404, 'not_found', 'Mini-Shop not bound here', 'appid');
const shopUnbound = refusal(409, 'shop_unbound', 'the Mini-Shop is unbound: bind it again first');

/**
 * One bound Mini-Shop: its credentials and token (in this object's storage, never in D1), the
 * single writer of its `minishop_shops` row, and the runs against it (migration, 5-minute order
 * sync, daily product sync), queued and advanced one page per alarm. Everything that changes
 * the shop runs one at a time, so rules cannot change under a running migration.
 */
export class ShopSync extends DurableObject<Env> {
  private operations: Promise<unknown> = Promise.resolve();

  /** Binds (or binds again) with credentials the Mini-Shop has just accepted. */
  async bind(appid: string, credentials: ShopCredentials, name: string): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      if ((await this.queue()).some((job) => job.kind === 'migration')) return migrationRunning;
      await this.ctx.storage.put(KEYS.credentials, credentials);
      await this.ctx.storage.delete(KEYS.token);
      const now = clock.now();
      await saveBoundShop(this.db(), { appid, name, status: 'bound', rules: DEFAULT_SYNC_RULES, boundAt: now });
      await this.log(appid, 'minishop.bound', { name });
      return this.changed(appid);
    });
  }

  /** Unbinds: credentials forgotten, queued syncs dropped; products and orders stay. */
  async unbind(appid: string): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), appid);
      if (!shop) return shopNotFound;
      if ((await this.queue()).some((job) => job.kind === 'migration')) return migrationRunning;
      await this.ctx.storage.delete([KEYS.credentials, KEYS.token, KEYS.queue]);
      await this.ctx.storage.deleteAlarm();
      if (shop.status === 'bound') {
        await updateMiniShop(this.db(), appid, { status: 'unbound', unboundAt: clock.now() });
        await this.log(appid, 'minishop.unbound', {});
      }
      return this.changed(appid);
    });
  }

  async setRules(appid: string, patch: SyncRulesPatch): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop(appid);
      if ('refused' in shop) return shop;
      if ((await this.queue()).some((job) => job.kind === 'migration')) return migrationRunning;
      const rules: MiniShopSyncRules = { ...shop.rules, ...patch };
      if (patch.freight?.kind === 'template' && !(await this.templateExists(shop, patch.freight.templateId))) {
        return refusal(
          404,
          'not_found',
          `freight template ${patch.freight.templateId} not found`,
          'freight.templateId',
        );
      }
      await updateMiniShop(this.db(), appid, { rules });
      return this.changed(appid);
    });
  }

  async setAutoSync(appid: string, autoSync: boolean): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop(appid);
      if ('refused' in shop) return shop;
      await updateMiniShop(this.db(), appid, { autoSync });
      return this.changed(appid);
    });
  }

  /** Queues a migration; it starts at once unless another run is ahead of it. */
  async startMigration(appid: string): Promise<ShopView | Refusal> {
    return this.serially(async () => {
      const shop = await this.boundShop(appid);
      if ('refused' in shop) return shop;
      const queue = await this.queue();
      if (queue.some((job) => job.kind === 'migration')) {
        return refusal(409, 'migration_running', 'a migration of this shop is already running');
      }
      await this.enqueue(queue, newJob('migration', newId('run'), clock.now(), 0));
      return this.changed(appid);
    });
  }

  /** The cron's request: an order or product sync, unless auto-sync is off or one is queued. */
  async requestSync(appid: string, kind: 'orders' | 'products'): Promise<boolean> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), appid);
      if (shop?.status !== 'bound' || !shop.autoSync) return false;
      const queue = await this.queue();
      if (queue.some((job) => job.kind === kind)) return false;
      const now = clock.now();
      await this.enqueue(queue, newJob(kind, newId('run'), now, shop.orderCursor ?? shop.boundAt));
      return true;
    });
  }

  /** The shop with its run progress, or a refusal when it was never bound here. */
  async shop(appid: string): Promise<ShopView | Refusal> {
    return this.view(appid);
  }

  /** The Mini-Shop's freight templates, for choosing the one products map to. */
  async sourceTemplates(appid: string) {
    const shop = await this.boundShop(appid);
    if ('refused' in shop) return shop;
    return { templates: await (await this.source()).freightTemplates() };
  }

  /**
   * Ships one of the shop's orders at the Mini-Shop (shipping.ts); refused once unbound. It waits
   * for a sync page in progress, so that page cannot write back the order's state from before.
   */
  async shipOrder(appid: string, sourceOrderId: string, parcel: ShipOrder): Promise<{ shipped: true } | Refusal> {
    return this.serially(async () => {
      const shop = await findMiniShop(this.db(), appid);
      if (shop?.status !== 'bound') {
        return refusal(409, 'shop_unbound', 'orders of an unbound Mini-Shop cannot be shipped or changed here');
      }
      return shipAtMiniShop(this.env, this.db(), await this.source(), shop, sourceOrderId, parcel);
    });
  }

  override async alarm(): Promise<void> {
    await this.serially(async () => {
      try {
        await this.step();
      } finally {
        const appid = (await this.ctx.storage.get<ShopCredentials>(KEYS.credentials))?.appid;
        if (appid) await this.changed(appid);
      }
    });
  }

  private async step(): Promise<void> {
    const queue = await this.queue();
    const job = queue[0];
    if (!job) return;
    const appid = (await this.ctx.storage.get<ShopCredentials>(KEYS.credentials))?.appid;
    const shop = appid ? await findMiniShop(this.db(), appid) : null;
    if (shop?.status !== 'bound') {
      await this.ctx.storage.delete(KEYS.queue);
      return;
    }
    const now = clock.now();
    try {
      const finished = await advanceJob(this.env, this.db(), await this.source(), shop, job, now);
      job.failures = 0;
      if (finished) {
        await this.finish(shop, job, 'completed');
        queue.shift();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      noteError(job, message);
      job.failures += 1;
      // 45009: the daily quota is spent; trying again today cannot help, so the run stops.
      if (error instanceof MiniShopQuotaExhaustedError || job.failures >= MAX_STEP_FAILURES) {
        await this.finish(shop, job, error instanceof MiniShopQuotaExhaustedError ? 'quota_exhausted' : 'failed');
        queue.shift();
      } else {
        await this.ctx.storage.put(KEYS.queue, queue);
        await this.ctx.storage.setAlarm(now + STEP_RETRY_MS * job.failures);
        return;
      }
    }
    await this.ctx.storage.put(KEYS.queue, queue);
    if (queue.length > 0) await this.ctx.storage.setAlarm(clock.now());
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
    const lastRun = { kind: job.kind, runId: job.runId, outcome, finishedAt, errors: job.errors };
    await this.ctx.storage.put(KEYS.lastRun, lastRun);
    await this.log(shop.appid, `minishop.${job.kind}`, { ...lastRun, startedAt: job.startedAt, ...counts });
  }

  private async enqueue(queue: SyncJob[], job: SyncJob): Promise<void> {
    queue.push(job);
    await this.ctx.storage.put(KEYS.queue, queue);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(clock.now());
  }

  private async view(appid: string): Promise<ShopView | Refusal> {
    const shop = await findMiniShop(this.db(), appid);
    if (!shop) return shopNotFound;
    return { ...shop, progress: await this.progress() };
  }

  /** The shop as it now stands, also shown in the monitor room. */
  private async changed(appid: string): Promise<ShopView | Refusal> {
    const view = await this.view(appid);
    if (!('refused' in view)) await monitorRoomOf(this.env).showMiniShop(appid, miniShopMonitorOf(view, clock.now()));
    return view;
  }

  private async progress(): Promise<SyncProgress> {
    const [head, ...rest] = await this.queue();
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
    return {
      running,
      queued: rest.map((job) => job.kind),
      lastRun: (await this.ctx.storage.get<SyncProgress['lastRun']>(KEYS.lastRun)) ?? null,
    };
  }

  private async boundShop(appid: string): Promise<MiniShop | Refusal> {
    const shop = await findMiniShop(this.db(), appid);
    if (!shop) return shopNotFound;
    return shop.status === 'bound' ? shop : shopUnbound;
  }

  /** Templates are copied once: after that only the copied ones can be mapped to. */
  private async templateExists(shop: MiniShop, templateId: string): Promise<boolean> {
    if (shop.templatesCopiedAt !== null) return (await copiedTemplateIds(this.db(), shop.appid)).has(templateId);
    const templates = await (await this.source()).freightTemplates();
    return templates.some((t) => t.templateId === templateId);
  }

  private async source() {
    const credentials = await this.ctx.storage.get<ShopCredentials>(KEYS.credentials);
    if (!credentials) throw new Error('the Mini-Shop is not bound');
    const tokenStore: TokenStore = {
      load: () => this.ctx.storage.get<CachedToken>(KEYS.token),
      save: (token) => this.ctx.storage.put(KEYS.token, token),
    };
    return shopClient(this.env, credentials, tokenStore);
  }

  private async queue(): Promise<SyncJob[]> {
    return (await this.ctx.storage.get<SyncJob[]>(KEYS.queue)) ?? [];
  }

  private db(): Database {
    return database(this.env.DB);
  }

  private async log(appid: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    await this.db()
      .insert(syncEvents)
      .values({ at: clock.now(), kind, subject: `minishop:${appid}`, source: 'minishop', detail });
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.operations.then(operation);
    this.operations = run.catch(() => undefined);
    return run;
  }
}
