import type { CatalogEntry, FlashSale } from './sku';

/**
 * A listing feed (`catalog:<viewId>`) holds only the products one page shows: `getMap('products')`
 * productId → `ListingEntry`, and for a product page also `getMap('skus')` skuId → `CatalogEntry`
 * of that product's SKUs. The HTTP answer that lists the products names its feed.
 */
export const LISTING_MAP = 'products';
export const LISTING_SKU_MAP = 'skus';

/** What a listing shows of one product, live. Money in fen; counts over the SKUs shoppers can buy. */
export interface ListingEntry {
  title: string;
  /** The main picture (served at `/media/<imageId>`), or null. */
  imageId: string | null;
  price: { min: number; max: number } | null;
  stock: number;
  /** The lowest-priced flash sale running or coming on one of its SKUs. */
  flash: Pick<FlashSale, 'price' | 'startsAt' | 'endsAt' | 'channels'> | null;
  sales: number;
  /** False once shoppers can no longer buy any of its SKUs (delisted, removed, or the product withdrawn). */
  listed: boolean;
  /** Rises with every change the feed makes anywhere: the highest in a feed is its latest change. */
  rev: number;
}

export type ListingSkuEntry = CatalogEntry;
