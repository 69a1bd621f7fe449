import type { Channel } from '../channels';

/**
 * The flash sale a SKU is in while it runs: orders from `channels` pay `price` between `startsAt`
 * and `endsAt`, at most `perMemberLimit` units per member (null: no limit). `name` is what the
 * operator calls it ("双十二"), for storefronts to show beside the price.
 */
export interface FlashSale {
  saleId: string;
  name: string;
  price: number;
  startsAt: number;
  endsAt: number;
  channels: Channel[];
  perMemberLimit: number | null;
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
  /** Units of its product sold, as shoppers see them: the mall's, plus the Mini-Shop's when the product says so. */
  sales: number;
  /** +1 per change; clients acknowledge it to measure sync latency. */
  rev: number;
  /** Server time (ms) of the change that produced `rev`. */
  changedAt: number;
}

/** One line of the `catalog` document's `getMap('skus')`. */
export type CatalogEntry = Pick<SkuState, 'price' | 'stock' | 'listed' | 'flash' | 'sales' | 'rev'>;

export const SKU_MAP = 'sku';
export const CATALOG_MAP = 'skus';

export const catalogEntryOf = (s: SkuState): CatalogEntry => ({
  price: s.price,
  stock: s.stock,
  listed: s.listed,
  flash: s.flash,
  sales: s.sales,
  rev: s.rev,
});

/**
 * A stored `flash` as it reads now: rooms and clocks from before sales carried their name hold one
 * without it, which reads as the empty name.
 */
export const namedFlash = (flash: FlashSale | null): FlashSale | null =>
  flash && typeof (flash as Partial<FlashSale>).name !== 'string' ? { ...flash, name: '' } : flash;

/** The flash sale an order from `channel` at `now` gets, if any: storefronts and the room price alike. */
export const flashSaleFor = <F extends Pick<FlashSale, 'startsAt' | 'endsAt' | 'channels'>>(
  state: { flash: F | null },
  channel: Channel,
  now: number,
): F | null => {
  const flash = state.flash;
  if (!flash || now < flash.startsAt || now >= flash.endsAt || !flash.channels.includes(channel)) return null;
  return flash;
};
