import { DurableObject } from 'cloudflare:workers';
import {
  DEFAULT_SYNC_RULES,
  type MiniShopSyncRules,
  type ShipOrder,
  type SyncRulesPatch,
} from '../../shared/api/minishop';
import type { Env } from '../env';
import { appendSyncEvents, type NewSyncEvent } from '../monitor/records/syncEventRecords';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { objectName } from '../platform/objectName';
import { type Refusal, refusal } from '../platform/refusal';
import { SerialQueue } from '../platform/serialQueue';
import { SqlOutbox } from '../platform/sqlOutbox';
import { migrateSchema } from '../platform/sqlSchema';
import { newId } from '../records/ids';
import {
  copiedTemplateIds,
  findMiniShop,
  type MiniShop,
  saveBoundShop,
  updateMiniShop,
} from './records/miniShopRecords';
import { type ShopContext, shopContext } from './shopContext';
import { forgetShop, forgetToken, queuedJobs, readSecret, saveSecret, shopSyncSchema } from './shopSyncStore';
import { boundShop, changed, type ShopView, shopNotFound, view } from './shopView';
import { shipAtMiniShop } from './sync/shipping';
import { newJob } from './sync/syncJob';
import { enqueue, migrationQueued, RUN_STEP, step } from './syncRuns';

export const shopSyncOf = (env: Env, appid: string) => env.SHOP_SYNC.getByName(appid);

/** Log lines are written before each operation answers; should that fail, the alarm tries this soon. */
const LOG_RETRY_MS = 1000;

const migrationRunning = refusal(
  409,
  'migration_running',
  'a migration is running: rules cannot change and the shop cannot be unbound until it ends',
);

/** Templates are copied once: after that only the copied ones can be mapped to. */
const templateExists = async (sync: ShopContext, shop: MiniShop, templateId: string): Promise<boolean> => {
  if (shop.templatesCopiedAt !== null) return (await copiedTemplateIds(sync.db(), shop.appid)).has(templateId);
  const templates = await sync.source().freightTemplates();
  return templates.some((t) => t.templateId === templateId);
};

/**
 * One bound Mini-Shop (the object is named by its appid): its secret and token (in this object's
 * storage, never in D1), the single writer of its `minishop_shops` row, and the runs against it
 * (migration, 5-minute order sync, daily product sync), queued and advanced one page per alarm
 * (`syncRuns.ts`). Everything that changes the shop runs one at a time, so rules cannot change
 * under a running migration; each operation's sync-log lines are in D1 when it answers. The
 * modules it delegates to see only a `ShopContext`.
 */
export class ShopSync extends DurableObject<Env> {
  private readonly operations = new SerialQueue();
  private readonly schedule: AlarmSchedule;
  private readonly syncLog: SqlOutbox<NewSyncEvent>;
  private readonly sync: ShopContext;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const appid = objectName(ctx);
    this.schedule = new AlarmSchedule(ctx.storage);
    this.syncLog = new SqlOutbox(ctx.storage, this.schedule, 'sync_log', {
      send: (events) => appendSyncEvents(this.sync.db(), events),
      flushAfterMs: LOG_RETRY_MS,
      retryMs: LOG_RETRY_MS,
    });
    this.sync = shopContext(env, appid, ctx.storage.sql, this.schedule, this.syncLog);
    migrateSchema(
      ctx.storage,
      'shop_sync',
      shopSyncSchema(ctx.storage, () => this.schedule.plan(RUN_STEP, clock.now())),
    );
    ctx.blockConcurrencyWhile(() => this.schedule.resume());
  }

  /** Binds (or binds again) with a secret the Mini-Shop has just accepted. */
  async bind(secret: string, name: string): Promise<ShopView | Refusal> {
    return this.serially(async (sync) => {
      if (migrationQueued(sync)) return migrationRunning;
      saveSecret(sync.sql, secret);
      forgetToken(sync.sql);
      const now = clock.now();
      await saveBoundShop(sync.db(), {
        appid: sync.appid,
        name,
        status: 'bound',
        rules: DEFAULT_SYNC_RULES,
        boundAt: now,
      });
      await sync.log('minishop.bound', { name });
      return changed(sync);
    });
  }

  /** Unbinds: credentials forgotten, queued syncs dropped; products and orders stay. */
  async unbind(): Promise<ShopView | Refusal> {
    return this.serially(async (sync) => {
      const shop = await findMiniShop(sync.db(), sync.appid);
      if (!shop) return shopNotFound;
      if (migrationQueued(sync)) return migrationRunning;
      forgetShop(sync.sql);
      await sync.schedule.cancel(RUN_STEP);
      if (shop.status === 'bound') {
        await updateMiniShop(sync.db(), sync.appid, { status: 'unbound', unboundAt: clock.now() });
        await sync.log('minishop.unbound', {});
      }
      return changed(sync);
    });
  }

  async setRules(patch: SyncRulesPatch): Promise<ShopView | Refusal> {
    return this.serially(async (sync) => {
      const shop = await boundShop(sync);
      if ('refused' in shop) return shop;
      if (migrationQueued(sync)) return migrationRunning;
      const rules: MiniShopSyncRules = { ...shop.rules, ...patch };
      if (patch.freight?.kind === 'template' && !(await templateExists(sync, shop, patch.freight.templateId))) {
        return refusal(
          404,
          'not_found',
          `freight template ${patch.freight.templateId} not found`,
          'freight.templateId',
        );
      }
      await updateMiniShop(sync.db(), sync.appid, { rules });
      return changed(sync);
    });
  }

  async setAutoSync(autoSync: boolean): Promise<ShopView | Refusal> {
    return this.serially(async (sync) => {
      const shop = await boundShop(sync);
      if ('refused' in shop) return shop;
      await updateMiniShop(sync.db(), sync.appid, { autoSync });
      return changed(sync);
    });
  }

  /** Queues a migration; it starts at once unless another run is ahead of it. */
  async startMigration(): Promise<ShopView | Refusal> {
    return this.serially(async (sync) => {
      const shop = await boundShop(sync);
      if ('refused' in shop) return shop;
      if (migrationQueued(sync)) {
        return refusal(409, 'migration_running', 'a migration of this shop is already running');
      }
      await enqueue(sync, newJob('migration', newId('run'), clock.now(), 0));
      return changed(sync);
    });
  }

  /** The cron's request: an order or product sync, unless auto-sync is off or one is queued. */
  async requestSync(kind: 'orders' | 'products'): Promise<boolean> {
    return this.serially(async (sync) => {
      const shop = await findMiniShop(sync.db(), sync.appid);
      if (shop?.status !== 'bound' || !shop.autoSync) return false;
      if (queuedJobs(sync.sql).some(({ job }) => job.kind === kind)) return false;
      const now = clock.now();
      await enqueue(sync, newJob(kind, newId('run'), now, shop.orderCursor ?? shop.boundAt));
      return true;
    });
  }

  /** The shop with its run progress, or a refusal when it was never bound here. */
  async shop(): Promise<ShopView | Refusal> {
    return view(this.sync);
  }

  /** The Mini-Shop's freight templates, for choosing the one products map to. */
  async sourceTemplates() {
    const shop = await boundShop(this.sync);
    if ('refused' in shop) return shop;
    return { templates: await this.sync.source().freightTemplates() };
  }

  /**
   * Ships one of the shop's orders at the Mini-Shop (shipping.ts); refused once unbound. It waits
   * for a sync page in progress, so that page cannot write back the order's state from before.
   */
  async shipOrder(sourceOrderId: string, parcel: ShipOrder): Promise<{ shipped: true } | Refusal> {
    return this.serially(async (sync) => {
      const shop = await findMiniShop(sync.db(), sync.appid);
      if (shop?.status !== 'bound') {
        return refusal(409, 'shop_unbound', 'orders of an unbound Mini-Shop cannot be shipped or changed here');
      }
      return shipAtMiniShop(sync.env, sync.db(), sync.source(), shop, sourceOrderId, parcel);
    });
  }

  override async alarm(): Promise<void> {
    await this.schedule.run({
      [RUN_STEP]: () =>
        this.serially(async (sync) => {
          try {
            await step(sync);
          } finally {
            if (readSecret(sync.sql) !== null) await changed(sync);
          }
        }),
      ...this.syncLog.tasks,
    });
  }

  /** Runs `operation` after the ones before it, then writes the log lines it made to D1. */
  private serially<T>(operation: (sync: ShopContext) => Promise<T>): Promise<T> {
    return this.operations.run(async () => {
      try {
        return await operation(this.sync);
      } finally {
        await this.syncLog.flush();
      }
    });
  }
}
