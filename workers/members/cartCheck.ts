import type * as Y from 'yjs';
import { skuListing } from '../catalog/records/skuRecords';
import type { Env } from '../env';
import { database } from '../records/db';
import { enforceListings, referencedSkus } from './rules/cartRules';

/**
 * Looks up the SKUs the member document names, then fixes what breaks a listing rule (`cartRules.ts`)
 * on the state it finds then. SKUs that arrived during the lookup are left to the check their
 * own update queued.
 */
export const checkCart = async (env: Env, doc: Y.Doc): Promise<void> => {
  const skuIds = referencedSkus(doc);
  const listing = await skuListing(database(env.DB), skuIds);
  enforceListings(
    doc,
    new Map(skuIds.map((id) => [id, listing.has(id) ? (listing.get(id) ? 'listed' : 'delisted') : 'unknown'])),
  );
};
