import { Hono } from 'hono';
import { backOfficeSite } from './backOffice/site';
import { app, noRoute } from './edge/app';
import { renderError } from './edge/errors';
import type { HubEnv } from './edge/hubEnv';
import type { Env } from './env';
import { scheduledPhoneRepair } from './members/phoneRepairRun';
import { scheduled } from './minishop/sync/cron';
import { scheduledChecks } from './monitor/checkRun';
import { storefrontSite } from './storefront/site';

export { CatalogRelay } from './catalog/CatalogRelay';
export { CatalogRoom } from './catalog/CatalogRoom';
export { FlashSaleClock } from './catalog/FlashSaleClock';
export { SkuRoom } from './catalog/SkuRoom';
export { MemberRoom } from './members/MemberRoom';
export { ShopSync } from './minishop/ShopSync';
export { MonitorRoom } from './monitor/MonitorRoom';
export { OrderRecorder } from './orders/OrderRecorder';

/** The storefront pages and the back office, then the hub's API and sockets (`edge/app.ts`), whose not-found answer ends all. */
const hub = new Hono<HubEnv>().route('/', storefrontSite).route('/', backOfficeSite).route('/', app);
hub.onError(renderError);
hub.notFound(noRoute);

export default {
  fetch: hub.fetch,
  scheduled: async (controller, env, ctx) => {
    await Promise.all([
      scheduled(controller, env, ctx),
      scheduledChecks(controller, env),
      scheduledPhoneRepair(controller, env),
    ]);
  },
} satisfies ExportedHandler<Env>;
