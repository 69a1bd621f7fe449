import { publishSales } from '../../catalog/publishSales';
import { recountDay } from '../../catalog/records/salesRecords';
import type { Env } from '../../env';
import { memberRoomOf } from '../../members/MemberRoom';
import { monitorRoomOf } from '../../monitor/roomFeed';
import type { Database } from '../../records/db';
import type { MiniShopSource } from '../api/source';
import { beijingDay } from '../beijingTime';
import { countOrdersOfRun } from '../records/miniShopOrderRecords';
import { countProductsOfRun } from '../records/miniShopProductRecords';
import type { MiniShop } from '../records/miniShopRecords';
import { categoryNames, type FetchedCategoryNames } from './categoryNames';
import { copyTemplatesOnce } from './copyTemplates';
import { importOrders } from './importOrders';
import { type ImportRun, importProducts } from './importProducts';
import { ensureMigrationGroup } from './migrationGroup';

/**
 * A run against one shop, advanced one page per alarm so no call comes near the CPU limit:
 * a migration (templates and group, then every product, then every order), the 5-minute order
 * sync, or the daily product sync. Its state is saved after every page, so a restart resumes
 * at the cursor.
 */
export interface SyncJob {
  kind: 'migration' | 'orders' | 'products';
  runId: string;
  startedAt: number;
  phase: 'setup' | 'products' | 'orders';
  /** Where the current phase's listing continues; null at its start. */
  cursor: string | null;
  /** The order update window this run covers (epoch ms). */
  orderWindow: { from: number; to: number };
  done: { products: number; orders: number };
  total: { products: number | null; orders: number | null };
  errors: string[];
  /** Steps that failed in a row; the job gives up after too many. */
  failures: number;
  /** The Mini-Shop's category names this run has fetched (absent in jobs queued before it kept them). */
  categoryNames?: FetchedCategoryNames;
}

/** What a finished run did, as logged and shown. */
export interface SyncOutcome {
  products: number;
  orders: number;
}

/** At most this many error messages are kept per run. */
const KEPT_ERRORS = 20;

export const newJob = (kind: SyncJob['kind'], runId: string, now: number, orderFrom: number): SyncJob => ({
  kind,
  runId,
  startedAt: now,
  phase: kind === 'migration' ? 'setup' : kind,
  cursor: null,
  orderWindow: { from: orderFrom, to: now },
  done: { products: 0, orders: 0 },
  total: { products: null, orders: null },
  errors: [],
  failures: 0,
  categoryNames: {},
});

export const noteError = (job: SyncJob, message: string): void => {
  job.errors = [...job.errors, message].slice(-KEPT_ERRORS);
};

/** A migration follows the rules as set; auto-sync always filters products migrated before. */
const importRun = (job: SyncJob, shop: MiniShop, source: MiniShopSource, now: number): ImportRun => {
  job.categoryNames ??= {};
  return {
    appid: shop.appid,
    runId: job.runId,
    rules: job.kind === 'migration' ? shop.rules : { ...shop.rules, filterMigrated: true },
    groupId: shop.rules.group ? shop.groupId : null,
    categoryNames: categoryNames(source, job.categoryNames),
    now,
  };
};

/** One step of the job; true when the job has finished. */
export const advanceJob = async (
  env: Env,
  db: Database,
  source: MiniShopSource,
  shop: MiniShop,
  job: SyncJob,
  now: number,
): Promise<boolean> => {
  if (job.phase === 'setup') {
    await copyTemplatesOnce(db, source, shop.appid, shop.templatesCopiedAt, now);
    if (shop.rules.group) await ensureMigrationGroup(db, shop.appid, shop.groupId, now);
    job.phase = 'products';
    job.cursor = null;
    return false;
  }
  const run = importRun(job, shop, source, now);
  if (job.phase === 'products') {
    const page = await source.productsPage(job.cursor);
    await importProducts(env, db, run, page.items);
    job.total.products = page.total;
    job.done.products = Math.min(page.total, job.done.products + page.items.length);
    job.cursor = page.next;
    if (page.next !== null) return false;
    if (job.kind === 'products') return true;
    job.phase = 'orders';
    return false;
  }
  const page = await source.ordersUpdatedPage(job.orderWindow.from, job.orderWindow.to, job.cursor);
  const imported = await importOrders(env, db, run, source, page.items);
  for (const error of imported.errors) noteError(job, error);
  await recountDay(db, beijingDay(now), [...imported.paidToday]);
  await publishSales(env, [...imported.paidToday]);
  for (const memberId of imported.changedMembers) await memberRoomOf(env, memberId).account();
  // The back office's dashboard reads its figures again on this (`MonitorRoom.ordersChanged`).
  if (imported.written.length > 0) await monitorRoomOf(env).ordersChanged(now);
  job.total.orders = page.total;
  job.done.orders = Math.min(page.total, job.done.orders + page.items.length);
  job.cursor = page.next;
  return page.next === null;
};

/** How many products and orders the run wrote, counted in D1 so a repeated page counts once. */
export const outcomeOf = async (db: Database, appid: string, runId: string): Promise<SyncOutcome> => {
  const [products, orders] = await Promise.all([
    countProductsOfRun(db, appid, runId),
    countOrdersOfRun(db, appid, runId),
  ]);
  return { products, orders };
};
