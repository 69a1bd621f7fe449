import type { ListingEntry } from '../../../shared/docs/listing';
import type { CatalogEntry } from '../../../shared/docs/sku';

/** What the feed knows of a product apart from its SKUs' live state. */
export interface ListedProduct {
  title: string;
  imageId: string | null;
}

/**
 * A product's listing line from its content and its SKUs' live entries: price range, stock and
 * flash sale over the SKUs shoppers can buy, as `GET /api/products` computes them from D1.
 */
export const listingEntryOf = (
  product: ListedProduct,
  skus: ReadonlyArray<CatalogEntry>,
  now: number,
): Omit<ListingEntry, 'rev'> => {
  const buyable = skus.filter((s) => s.listed);
  const prices = buyable.map((s) => s.price);
  const flashes = buyable.flatMap((s) => (s.flash && s.flash.endsAt > now ? [s.flash] : []));
  const flash = flashes.reduce<(typeof flashes)[number] | null>(
    (lowest, f) => (lowest === null || f.price < lowest.price ? f : lowest),
    null,
  );
  return {
    title: product.title,
    imageId: product.imageId,
    price: prices.length === 0 ? null : { min: Math.min(...prices), max: Math.max(...prices) },
    stock: buyable.reduce((sum, s) => sum + s.stock, 0),
    flash: flash && { price: flash.price, startsAt: flash.startsAt, endsAt: flash.endsAt, channels: flash.channels },
    sales: skus.reduce((most, s) => Math.max(most, s.sales), 0),
    listed: buyable.length > 0,
  };
};
