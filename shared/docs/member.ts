// zod's tree-shakable build: these schemas ship in the storefront SDK (`sdk/`), which checks edits as the hub does.
import * as z from 'zod/mini';
import { CHANNELS } from '../channels';
import { ID_PATTERN } from '../rooms';

/**
 * The `member:<id>` document: the only client-writable state, edited offline on any channel and
 * merged by Yjs. Entries may be nested `Y.Map`s or plain objects; the server treats them alike.
 */
export const CART_MAP = 'cart';
export const FAVORITES_MAP = 'favorites';
export const HISTORY_ARRAY = 'history';

/** The top-level types a member may write; what a client writes to any other is undone. */
export const MEMBER_WRITABLE_TYPES: readonly string[] = [CART_MAP, FAVORITES_MAP, HISTORY_ARRAY];

export const MAX_CART_QTY = 999;
export const MAX_CART_LINES = 200;
export const MAX_FAVORITES = 200;
export const HISTORY_KEPT = 200;
/**
 * Byte bounds of the member room: one frame (a whole document at its line bounds is ~60 KB,
 * so an offline device's catch-up fits), and the stored document (what deleted entries leave
 * behind grows it; past the bound a client's write closes its socket).
 */
export const MAX_MEMBER_FRAME_BYTES = 256 * 1024;
export const MAX_MEMBER_DOC_BYTES = 512 * 1024;

/** A SKU id as the member document may name it (the hub's ids; longer keys are refused). */
const skuId = z.string().check(z.regex(ID_PATTERN));
/** A time in milliseconds since the epoch. */
const time = z.number();

/**
 * `getMap('cart')`: skuId → line. The quantity is brought within 1..999 by the server; a
 * line without a channel or selection (a stock client's) counts as selected.
 */
export const cartLineSchema = z.object({
  qty: z.number(),
  addedAt: time,
  channel: z.optional(z.enum(CHANNELS)),
  selected: z.optional(z.boolean()),
});
export type CartLine = z.infer<typeof cartLineSchema>;

/** `getMap('favorites')`: skuId → entry. */
export const favoriteEntrySchema = z.object({ addedAt: time, channel: z.enum(CHANNELS) });
export type FavoriteEntry = z.infer<typeof favoriteEntrySchema>;

/** One element of `getArray('history')`, oldest first. */
export const historyEntrySchema = z.object({ skuId, at: time, channel: z.enum(CHANNELS) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** What a cart or favorites key must look like. */
export const memberKeySchema = skuId;

/** A member document as plain data: what a merge carries from one account to another. */
export interface MemberContents {
  cart: Record<string, CartLine>;
  favorites: Record<string, FavoriteEntry>;
  history: HistoryEntry[];
}
