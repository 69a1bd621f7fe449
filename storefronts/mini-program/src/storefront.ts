import type { Storefront } from '../../../sdk/src/index';
import { app } from './wechat';

/** The App instance: the one storefront every page shares, and the hub it talks to. */
export interface MallApp {
  shop: Storefront;
  hubUrl: string;
  /** Which product each SKU seen so far belongs to (a cart line names only its SKU). */
  skuProducts: Map<string, string>;
}

export const mall = (): MallApp => app<MallApp>();
export const shop = (): Storefront => mall().shop;
