import { app } from './edge/app';
import type { Env } from './env';
import { scheduledChecks } from './monitor/checkRun';
import { scheduled } from './shopsync/cron';

export { CatalogRoom } from './objects/CatalogRoom';
export { FlashSaleClock } from './objects/FlashSaleClock';
export { MemberRoom } from './objects/MemberRoom';
export { MonitorRoom } from './objects/MonitorRoom';
export { ShopSync } from './objects/ShopSync';
export { SkuRoom } from './objects/SkuRoom';

export default {
  fetch: app.fetch,
  scheduled: async (controller, env, ctx) => {
    await Promise.all([scheduled(controller, env, ctx), scheduledChecks(controller, env)]);
  },
} satisfies ExportedHandler<Env>;
