import type { ProductListQuery } from '../../shared/api/products';
import type { ListingAnswer, ProductAnswer } from '../../shared/api/productViews';
import type { Env } from '../env';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { listProducts } from './productListings';
import { shopperProductView } from './productViews';
import { findProductRecord } from './records/productReads';

/**
 * What shoppers read, for the storefront API and the server-rendered pages alike: a listing page
 * and a product page, each naming the feed room that keeps it live (`listingFeed.ts`). Draft and
 * warehouse products are not there.
 */
export const shopperListing = async (env: Env, origin: string, query: ProductListQuery): Promise<ListingAnswer> => {
  const { cursor, limit, sort, ...filter } = query;
  const page = await listProducts(env, origin, {
    filter: { audience: 'shopper', ...filter },
    sort: sort ?? 'weight',
    cursor,
    limit,
  });
  const ids = page.products.map((p) => p.productId);
  const feed = ids.length === 0 ? null : await catalogRoomOf(env).listingFeed(ids, false);
  return { ...page, feed };
};

/** A listed product's page and its feed; null when shoppers cannot see the product. */
export const shopperProduct = async (env: Env, origin: string, productId: string): Promise<ProductAnswer | null> => {
  const record = await findProductRecord(database(env.DB), productId);
  if (record?.product.status !== 'listed') return null;
  const [view, feed] = await Promise.all([
    shopperProductView(env, origin, record),
    catalogRoomOf(env).listingFeed([record.product.id], true),
  ]);
  return { ...view, feed };
};
