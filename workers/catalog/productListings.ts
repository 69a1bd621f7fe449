import type { ProductSort } from '../../shared/api/products';
import { ApiError } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { listingItemOf, operatorListingItemOf } from './productViews';
import { type ListingFilter, listingPage, runningFlashOfProducts, SORT_KEYS } from './records/productListing';
import { mainImagesOf } from './records/productReads';
import { decodeCursor, encodeCursor } from './rules/listingCursor';

const DEFAULT_PAGE = 20;

export interface ListingRequest {
  filter: ListingFilter;
  sort: ProductSort;
  cursor?: string;
  limit?: number;
}

/** One page of a listing and the cursor of the next (null: this was the last page). */
export const listProducts = async (env: Env, origin: string, request: ListingRequest) => {
  const db = database(env.DB);
  const { keys } = SORT_KEYS[request.sort];
  const position = request.cursor ? decodeCursor(request.cursor, request.sort, keys.length) : undefined;
  if (position === null) throw new ApiError(400, 'invalid_input', 'cursor: not a cursor of this listing', 'cursor');
  const after = position?.keys ?? null;
  const limit = request.limit ?? DEFAULT_PAGE;
  const rows = await listingPage(db, request.filter, request.sort, after, limit);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const [images, flashes] = await Promise.all([mainImagesOf(db, ids), runningFlashOfProducts(db, ids, clock.now())]);
  const itemOf = request.filter.audience === 'shopper' ? listingItemOf : operatorListingItemOf;
  const last = page.at(-1);
  return {
    products: page.map((row) => itemOf(origin, row, images.get(row.id), flashes.get(row.id))),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ sort: request.sort, keys: keys.map((k) => last[k] as string | number) })
        : null,
  };
};
