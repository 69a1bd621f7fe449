import type { CategoryNode } from '../../shared/api/categories';
import type { ListingAnswer, ProductAnswer } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';

/**
 * What the server hands a page: the same answers the storefront API gives, read on the server
 * (`workers/storefront/pageLoads.ts`), rendered into the HTML and then taken over live in the
 * browser. Pages that show a shopper's own data carry only what the address says (and the menu's
 * categories); their content comes from the shopper's session in the browser.
 */
export type PageData =
  | { page: 'home'; categories: CategoryNode[]; listing: ListingAnswer }
  | { page: 'category'; categories: CategoryNode[]; category: CategoryNode; listing: ListingAnswer }
  | { page: 'search'; categories: CategoryNode[]; q: string; listing: ListingAnswer }
  | { page: 'product'; categories: CategoryNode[]; product: ProductAnswer }
  | { page: 'cart'; categories: CategoryNode[] }
  | { page: 'checkout'; categories: CategoryNode[] }
  | { page: 'orders'; categories: CategoryNode[] }
  | { page: 'order'; categories: CategoryNode[]; orderId: string }
  | { page: 'me'; categories: CategoryNode[] }
  | { page: 'login'; categories: CategoryNode[]; next: string }
  | { page: 'notFound' };

export type PageName = PageData['page'];

/** One rendered page: which channel's storefront, the hub's public address, and the page's data. */
export interface PageEnvelope {
  channel: Channel;
  origin: string;
  data: PageData;
}

/** The element the page's data travels in, read by `client.tsx`. */
export const PAGE_DATA_ID = 'page-data';
/** The element the storefront renders into. */
export const ROOT_ID = 'storefront';
