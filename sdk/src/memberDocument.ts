import * as Y from 'yjs';
import type { Channel } from '../../shared/channels';
import {
  CART_MAP,
  type CartLine,
  FAVORITES_MAP,
  type FavoriteEntry,
  HISTORY_ARRAY,
  type HistoryEntry,
  MAX_CART_QTY,
} from '../../shared/docs/member';
import { entryField, shapeMemberDoc } from '../../shared/docs/memberShape';
import { docView } from './liveView';

/** Origin of the storefront's own edits. */
const LOCAL = Symbol('storefront');

export type CartItem = { skuId: string; qty: number; addedAt: number; channel: Channel | null; selected: boolean };
export type Favorite = FavoriteEntry & { skuId: string };

/** A whole number of units the hub takes (`shared/docs/member.ts`): at most 999; below 1 means none. */
const units = (qty: number): number => (Number.isFinite(qty) ? Math.min(MAX_CART_QTY, Math.floor(qty)) : 0);

/**
 * The member document's three writable parts, as a storefront reads and edits them. Each edit
 * runs the hub's own shaping rules (`shared/docs/memberShape.ts`) in the same change, so what the
 * shopper sees now is what every channel sees after the round trip.
 */
export const memberViews = (doc: Y.Doc, channel: Channel, now: () => number = Date.now) => {
  const cartMap = doc.getMap<unknown>(CART_MAP);
  const favoritesMap = doc.getMap<unknown>(FAVORITES_MAP);
  const historyArray = doc.getArray<unknown>(HISTORY_ARRAY);
  const edit = (change: () => void) =>
    doc.transact(() => {
      change();
      shapeMemberDoc(doc);
    }, LOCAL);
  const line = (skuId: string): CartLine | null => {
    const entry = cartMap.get(skuId);
    if (entry === undefined) return null;
    return {
      qty: Number(entryField(entry, 'qty')),
      addedAt: Number(entryField(entry, 'addedAt')),
      channel: entryField(entry, 'channel') as Channel | undefined,
      selected: entryField(entry, 'selected') as boolean | undefined,
    };
  };
  const setLine = (skuId: string, next: CartLine) => cartMap.set(skuId, next);

  const cart = {
    ...docView(doc, (): CartItem[] =>
      [...cartMap.keys()]
        .flatMap((skuId) => {
          const l = line(skuId);
          return l
            ? [{ skuId, qty: l.qty, addedAt: l.addedAt, channel: l.channel ?? null, selected: l.selected ?? true }]
            : [];
        })
        .sort((a, b) => a.addedAt - b.addedAt),
    ),
    /** Adds `qty` units (to what the cart has of the SKU), at most 999 in all. */
    add(skuId: string, qty = 1) {
      edit(() => {
        const existing = line(skuId);
        const total = units((existing?.qty ?? 0) + qty);
        if (total < 1) return;
        setLine(skuId, {
          qty: total,
          addedAt: existing?.addedAt ?? now(),
          channel,
          selected: existing?.selected ?? true,
        });
      });
    },
    /** Sets the quantity; below 1 removes the line. */
    setQty(skuId: string, qty: number) {
      edit(() => {
        const existing = line(skuId);
        const next = units(qty);
        if (next < 1) cartMap.delete(skuId);
        else
          setLine(skuId, {
            qty: next,
            addedAt: existing?.addedAt ?? now(),
            channel,
            selected: existing?.selected ?? true,
          });
      });
    },
    remove(skuId: string) {
      edit(() => cartMap.delete(skuId));
    },
    /** Ticks a line for checkout, or unticks it. */
    select(skuId: string, selected = true) {
      edit(() => {
        const existing = line(skuId);
        if (existing) setLine(skuId, { ...existing, selected });
      });
    },
    /** Removes the lines an order took. */
    removeMany(skuIds: string[]) {
      edit(() => {
        for (const skuId of skuIds) cartMap.delete(skuId);
      });
    },
  };

  const favorites = {
    ...docView(doc, (): Favorite[] =>
      [...favoritesMap.entries()]
        .map(([skuId, entry]) => ({
          skuId,
          addedAt: Number(entryField(entry, 'addedAt')),
          channel: entryField(entry, 'channel') as Channel,
        }))
        .sort((a, b) => b.addedAt - a.addedAt),
    ),
    /** Saves the SKU, or forgets it if it was saved; answers whether it is saved now. */
    toggle(skuId: string): boolean {
      const saved = !favoritesMap.has(skuId);
      edit(() => {
        if (saved) favoritesMap.set(skuId, { addedAt: now(), channel });
        else favoritesMap.delete(skuId);
      });
      return saved;
    },
    has: (skuId: string) => favoritesMap.has(skuId),
  };

  const history = {
    ...docView(doc, (): HistoryEntry[] =>
      historyArray
        .toArray()
        .map((entry) => (entry instanceof Y.Map ? (entry.toJSON() as HistoryEntry) : (entry as HistoryEntry)))
        .reverse(),
    ),
    /** Notes that the shopper looked at a SKU (the newest 200 are kept). */
    record(skuId: string) {
      edit(() => historyArray.push([{ skuId, at: now(), channel }]));
    },
  };

  return { cart, favorites, history };
};

export type MemberViews = ReturnType<typeof memberViews>;
