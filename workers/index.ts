import { app } from './edge/app';
import type { Env } from './env';
import { scheduled } from './shopsync/cron';

export { CatalogRoom } from './objects/CatalogRoom';
export { FlashSaleClock } from './objects/FlashSaleClock';
export { MemberRoom } from './objects/MemberRoom';
export { ShopSync } from './objects/ShopSync';
export { SkuRoom } from './objects/SkuRoom';

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
