import type { MiniShopMonitor } from '../../../shared/docs/monitor';
import type { ShopView } from '../shopView';

/** What the monitor room shows of a shop: the run in progress, the last run and the last migration. */
export const miniShopMonitorOf = (view: ShopView, now: number): MiniShopMonitor => {
  const { running, lastRun } = view.progress;
  return {
    name: view.name,
    status: view.status,
    autoSync: view.autoSync,
    running: running && {
      kind: running.kind,
      phase: running.phase,
      startedAt: running.startedAt,
      done: running.done,
      total: running.total,
      errors: running.errors.length,
    },
    lastRun: lastRun && {
      kind: lastRun.kind,
      outcome: lastRun.outcome,
      finishedAt: lastRun.finishedAt,
      errors: lastRun.errors.length,
    },
    lastMigration: view.lastMigration && {
      finishedAt: view.lastMigration.finishedAt,
      products: view.lastMigration.products,
      orders: view.lastMigration.orders,
    },
    updatedAt: now,
  };
};
