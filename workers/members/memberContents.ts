import type * as Y from 'yjs';
import {
  CART_MAP,
  type CartLine,
  FAVORITES_MAP,
  type FavoriteEntry,
  HISTORY_ARRAY,
  HISTORY_KEPT,
  type HistoryEntry,
  MAX_CART_QTY,
  type MemberContents,
} from '../../shared/docs/member';
import { entryField, setEntryField } from '../../shared/docs/memberShape';
import { SERVER_ORIGIN } from '../platform/room/YRoom';

/** The member document as plain data (nested maps flattened). */
export const readMemberContents = (doc: Y.Doc): MemberContents => ({
  cart: doc.getMap(CART_MAP).toJSON() as Record<string, CartLine>,
  favorites: doc.getMap(FAVORITES_MAP).toJSON() as Record<string, FavoriteEntry>,
  history: doc.getArray(HISTORY_ARRAY).toJSON() as HistoryEntry[],
});

/** Empties the member document (after its contents moved to another account). */
export const clearMemberContents = (doc: Y.Doc): void => {
  doc.transact(() => {
    for (const name of [CART_MAP, FAVORITES_MAP]) doc.getMap(name).clear();
    const history = doc.getArray(HISTORY_ARRAY);
    history.delete(0, history.length);
  }, SERVER_ORIGIN);
};

/**
 * Adds another account's cart, favorites and history to this document, as one server change:
 * no line is lost, the quantities of a SKU in both carts are added (up to 999), favorites are
 * united, and the histories interleave by time, newest 200 kept.
 */
export const mergeMemberContents = (doc: Y.Doc, incoming: MemberContents): void => {
  const cart = doc.getMap<unknown>(CART_MAP);
  const favorites = doc.getMap<unknown>(FAVORITES_MAP);
  const history = doc.getArray<unknown>(HISTORY_ARRAY);
  doc.transact(() => {
    for (const [skuId, line] of Object.entries(incoming.cart)) {
      const mine = cart.get(skuId);
      const qty = entryField(mine, 'qty');
      if (typeof qty !== 'number') cart.set(skuId, line);
      else setEntryField(cart, skuId, mine, 'qty', Math.min(MAX_CART_QTY, qty + line.qty));
    }
    for (const [skuId, entry] of Object.entries(incoming.favorites)) {
      if (!favorites.has(skuId)) favorites.set(skuId, entry);
    }
    if (incoming.history.length > 0) {
      const all = [...(history.toJSON() as HistoryEntry[]), ...incoming.history].sort((a, b) => a.at - b.at);
      history.delete(0, history.length);
      history.push(all.slice(-HISTORY_KEPT));
    }
  }, SERVER_ORIGIN);
};

/** Takes ordered SKUs out of the cart, as one server change every channel sees. */
export const removeFromCart = (doc: Y.Doc, skuIds: string[]): void => {
  const cart = doc.getMap<unknown>(CART_MAP);
  if (!skuIds.some((skuId) => cart.has(skuId))) return;
  doc.transact(() => {
    for (const skuId of skuIds) cart.delete(skuId);
  }, SERVER_ORIGIN);
};
