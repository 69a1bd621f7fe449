import type * as Y from 'yjs';
import { CART_MAP, FAVORITES_MAP } from '../../../shared/docs/member';
import { SERVER_ORIGIN } from '../../platform/room/YRoom';

/** What a rule check knows of a SKU; SKUs it did not look up are left alone. */
export type SkuStatus = 'listed' | 'delisted' | 'unknown';

/** The SKU ids a rule check needs to know about. */
export const referencedSkus = (doc: Y.Doc): string[] => [
  ...new Set([...doc.getMap(CART_MAP).keys(), ...doc.getMap(FAVORITES_MAP).keys()]),
];

/**
 * Brings the member document back within the rules that need the SKUs, as one server change
 * every channel receives: a cart line needs a listed SKU, a favorite an existing one. What
 * needs only the document is kept where the write is applied (`shared/docs/memberShape.ts`). Pure: what it
 * knows of the SKUs is looked up by its caller (`cartCheck.ts`).
 */
export const enforceListings = (doc: Y.Doc, skus: Map<string, SkuStatus>): void => {
  const cart = doc.getMap<unknown>(CART_MAP);
  const favorites = doc.getMap<unknown>(FAVORITES_MAP);
  doc.transact(() => {
    for (const skuId of [...cart.keys()]) {
      const status = skus.get(skuId);
      if (status && status !== 'listed') cart.delete(skuId);
    }
    for (const skuId of [...favorites.keys()]) {
      if (skus.get(skuId) === 'unknown') favorites.delete(skuId);
    }
  }, SERVER_ORIGIN);
};
