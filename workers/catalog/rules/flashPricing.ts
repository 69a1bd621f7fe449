import type { Channel } from '../../../shared/channels';
import { type FlashSale, flashSaleFor, type SkuState } from '../../../shared/docs/sku';

/** What one unit of an order line is charged, and the sale that gives it that price (null: none). */
export interface LinePrice {
  price: number;
  sale: FlashSale | null;
}

/**
 * What a buyer on `channel` pays at `at`: the flash price while a sale that includes the channel
 * runs (the window and channels are `flashSaleFor`'s, which storefronts read too), else the SKU's.
 */
export const priceAt = (sku: Pick<SkuState, 'price' | 'flash'>, channel: Channel, at: number): LinePrice => {
  const sale = flashSaleFor(sku, channel, at);
  return { price: sale?.price ?? sku.price, sale };
};

/** A reservation asked for again keeps the flash price it was given; one given none pays the SKU's price. */
export const priceGiven = (sku: Pick<SkuState, 'price'>, flashPrice: number | null): number => flashPrice ?? sku.price;

/** True when `qty` more units would take a member who already ordered `ordered` past the sale's limit. */
export const overFlashLimit = (sale: FlashSale, ordered: number, qty: number): boolean => {
  const limit = sale.perMemberLimit;
  return limit !== null && limit > 0 && ordered + qty > limit;
};
