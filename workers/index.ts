import { app } from './edge/app';

export { CatalogRoom } from './objects/CatalogRoom';
export { SkuRoom } from './objects/SkuRoom';

export default app;
