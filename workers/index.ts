import { app } from './edge/app';

export { CatalogRoom } from './objects/CatalogRoom';
export { FlashSaleClock } from './objects/FlashSaleClock';
export { MemberRoom } from './objects/MemberRoom';
export { SkuRoom } from './objects/SkuRoom';

export default app;
