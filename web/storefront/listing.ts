import type { ListingPage, ListingQuery, LiveListedProduct } from '../../sdk/src/catalog';
import type { ListingAnswer } from '../../shared/api/productViews';
import { useLive } from '../ui/useLive';
import { useShop } from './shopContext';

/** A server-read listing as the SDK's live view shows it before its feed is open. */
const asLive = (answer: ListingAnswer): ListingPage => ({
  nextCursor: answer.nextCursor,
  products: answer.products.map((p): LiveListedProduct => ({ ...p, listed: true })),
});

/** The products of a listing the page was rendered with, kept live through its feed. */
export const useListing = (query: ListingQuery, answer: ListingAnswer): LiveListedProduct[] => {
  const { storefront } = useShop();
  const [page] = useLive(storefront && (() => storefront.catalog.list(query, answer)), asLive(answer));
  return page.products.filter((p) => p.listed);
};
