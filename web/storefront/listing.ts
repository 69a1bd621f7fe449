import type { ListingPage, ListingQuery, LiveListedProduct } from '../../sdk/src/catalog';
import type { ListingAnswer } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';
import { flashSaleFor } from '../../shared/docs/sku';
import { useLive } from '../ui/useLive';
import { useShop } from './shopContext';

/**
 * A server-read listing as the SDK's live view shows it before its feed is open: a flash sale only
 * on the channels it is for, as the SDK shows it (`sdk/src/catalog.ts`).
 */
const asLive = (answer: ListingAnswer, channel: Channel): ListingPage => ({
  nextCursor: answer.nextCursor,
  products: answer.products.map(
    (p): LiveListedProduct => ({ ...p, flash: flashSaleFor(p, channel, Date.now()), listed: true }),
  ),
});

/** The products of a listing the page was rendered with, kept live through its feed. */
export const useListing = (query: ListingQuery, answer: ListingAnswer): LiveListedProduct[] => {
  const { storefront, channel } = useShop();
  const [page] = useLive(storefront && (() => storefront.catalog.list(query, answer)), asLive(answer, channel));
  return page.products.filter((p) => p.listed);
};
