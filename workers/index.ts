import { app } from './edge/app';
import type { Env } from './env';
import { scheduledPhoneRepair } from './members/phoneRepairRun';
import { scheduled } from './minishop/sync/cron';
import { scheduledChecks } from './monitor/checkRun';

export { CatalogRoom } from './catalog/CatalogRoom';
export { FlashSaleClock } from './catalog/FlashSaleClock';
export { SkuRoom } from './catalog/SkuRoom';
export { MemberRoom } from './members/MemberRoom';
export { ShopSync } from './minishop/ShopSync';
export { MonitorRoom } from './monitor/MonitorRoom';

export default {
  fetch: app.fetch,
  scheduled: async (controller, env, ctx) => {
    await Promise.all([
      scheduled(controller, env, ctx),
      scheduledChecks(controller, env),
      scheduledPhoneRepair(controller, env),
    ]);
  },
} satisfies ExportedHandler<Env>;
