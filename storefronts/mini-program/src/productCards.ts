import type { LiveListedProduct } from '../../../sdk/src/catalog';
import { explainFailure } from './failures';
import { hold } from './heldViews';
import type { ListingPage } from './lib/mallsync';
import { endsAt, priceRange, yuan } from './money';
import { shop } from './storefront';

/** A product card of a grid, as the page renders it. */
export interface ProductCard {
  productId: string;
  title: string;
  imageUrl: string;
  price: string;
  flash: string;
  soldOut: boolean;
}

/** The cards of a listing page: what shoppers can buy, with their live price and stock. */
export const productCards = (products: LiveListedProduct[], now = Date.now()): ProductCard[] =>
  products
    .filter((p) => p.listed)
    .map((p) => ({
      productId: p.productId,
      title: p.title,
      imageUrl: p.imageUrl ?? '',
      price: priceRange(p.price),
      flash: p.flash && p.flash.endsAt > now ? `限时 ${yuan(p.flash.price)} · ${endsAt(p.flash.endsAt)}` : '',
      soldOut: p.stock === 0,
    }));

/** A page with a product grid: it shows `products`, and `loading` while a listing is asked for. */
interface GridPage {
  setData(data: { categoryId?: string; products?: ProductCard[]; loading?: boolean }): void;
}

/**
 * Shows a category's products (every product for ''), kept live until the page goes or shows
 * another listing (`heldViews.ts`).
 */
export const showListing = async (page: GridPage, categoryId: string): Promise<void> => {
  page.setData({ categoryId, loading: true });
  try {
    const listing = await shop().catalog.list(categoryId ? { categoryId, limit: 20 } : { limit: 20 });
    const render = (listed: ListingPage) => page.setData({ products: productCards(listed.products), loading: false });
    render(listing.get());
    hold(page, 'listing', listing.subscribe(render), () => listing.close());
  } catch (error) {
    explainFailure(error);
    page.setData({ loading: false });
  }
};
