import type { Channel } from '../channels';

/**
 * The `member:<id>` document: the only client-writable state, edited offline on any channel and
 * merged by Yjs. Entries may be nested `Y.Map`s or plain objects; the server treats them alike.
 */
export const CART_MAP = 'cart';
export const FAVORITES_MAP = 'favorites';
export const HISTORY_ARRAY = 'history';

/** The top-level types a member may write; a change to any other is refused. */
export const MEMBER_WRITABLE_TYPES: readonly string[] = [CART_MAP, FAVORITES_MAP, HISTORY_ARRAY];

export const MAX_CART_QTY = 999;
export const MAX_CART_LINES = 200;
export const HISTORY_KEPT = 200;

/** `getMap('cart')`: skuId → line. */
export interface CartLine {
  qty: number;
  addedAt: number;
  channel: Channel;
  selected: boolean;
}

/** `getMap('favorites')`: skuId → entry. */
export interface FavoriteEntry {
  addedAt: number;
  channel: Channel;
}

/** One element of `getArray('history')`, oldest first. */
export interface HistoryEntry {
  skuId: string;
  at: number;
  channel: Channel;
}

/** A member document as plain data: what a merge carries from one account to another. */
export interface MemberContents {
  cart: Record<string, CartLine>;
  favorites: Record<string, FavoriteEntry>;
  history: HistoryEntry[];
}
