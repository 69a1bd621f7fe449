import { publishSales } from '../../catalog/publishSales';
import { productsShowingThirdPartySales, recountDaysBefore } from '../../catalog/records/salesRecords';
import type { Env } from '../../env';
import { appendSyncEvents } from '../../monitor/records/syncEventRecords';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { beijingDay } from '../beijingTime';
import { autoSyncedShops } from '../records/miniShopRecords';
import { shopSyncOf } from '../ShopSync';

/** The `[triggers] crons` of wrangler.toml, by what each one runs. */
export const CRONS = {
  orders: '*/5 * * * *',
  products: '30 19 * * *',
  /** 00:00 UTC is 08:00 China time: the T+1 sales job. */
  sales: '0 0 * * *',
} as const;

/**
 * The Mini-Shop auto-sync. Order and product syncs are queued in each bound shop's object (which
 * advances them page by page and logs each run); the T+1 job recounts every day before today
 * from the synced orders, refunds included, and logs itself here.
 */
export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const db = database(env.DB);
  if (controller.cron === CRONS.sales) {
    const today = beijingDay(controller.scheduledTime);
    await recountDaysBefore(db, today);
    await publishSales(env, await productsShowingThirdPartySales(db));
    await appendSyncEvents(db, [
      {
        at: clock.now(),
        kind: 'minishop.sales',
        subject: 'minishop:sales',
        source: 'system',
        detail: { countedBefore: today },
      },
    ]);
    return;
  }
  const kind = controller.cron === CRONS.products ? 'products' : 'orders';
  for (const shop of await autoSyncedShops(db)) await shopSyncOf(env, shop.appid).requestSync(kind);
};
