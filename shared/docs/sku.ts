import type { Channel } from '../channels';

/** A flash sale on one SKU: `price` applies between `startsAt` and `endsAt` on `channels`. */
export interface FlashSale {
  price: number;
  startsAt: number;
  endsAt: number;
  channels: Channel[];
}

/** The `sku:<id>` document's `getMap('sku')`, field for field. Money in fen. */
export interface SkuState {
  skuId: string;
  productId: string;
  title: string;
  price: number;
  stock: number;
  listed: boolean;
  flash: FlashSale | null;
  /** +1 per change; clients acknowledge it to measure sync latency. */
  rev: number;
  /** Server time (ms) of the change that produced `rev`. */
  changedAt: number;
}

/** One line of the `catalog` document's `getMap('skus')`. */
export type CatalogEntry = Pick<SkuState, 'price' | 'stock' | 'listed' | 'flash' | 'rev'>;

export const SKU_MAP = 'sku';
export const CATALOG_MAP = 'skus';

export const catalogEntryOf = (s: SkuState): CatalogEntry => ({
  price: s.price,
  stock: s.stock,
  listed: s.listed,
  flash: s.flash,
  rev: s.rev,
});
