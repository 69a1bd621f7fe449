import * as Y from 'yjs';
import {
  CART_MAP,
  FAVORITES_MAP,
  HISTORY_ARRAY,
  HISTORY_KEPT,
  MAX_CART_LINES,
  MAX_CART_QTY,
} from '../../../shared/docs/member';
import { SERVER_ORIGIN } from '../../platform/room/YRoom';

/** A field of an entry that a client wrote as a nested `Y.Map` or as a plain object. */
export const entryField = (entry: unknown, key: string): unknown => {
  if (entry instanceof Y.Map) return entry.get(key);
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
};

/** Replaces one field of an entry, keeping its form (a nested map is edited in place). */
export const setEntryField = (map: Y.Map<unknown>, key: string, entry: unknown, field: string, value: unknown) => {
  if (entry instanceof Y.Map) entry.set(field, value);
  else map.set(key, { ...(entry as Record<string, unknown>), [field]: value });
};

/** The quantity a cart line should have: whole, at most 999; null when the line must go. */
const allowedQty = (qty: unknown): number | null => {
  if (typeof qty !== 'number' || !Number.isFinite(qty)) return null;
  const whole = Math.min(MAX_CART_QTY, Math.floor(qty));
  return whole >= 1 ? whole : null;
};

const addedAt = (entry: unknown): number => {
  const at = entryField(entry, 'addedAt');
  return typeof at === 'number' ? at : 0;
};

/** What a rule check knows of a SKU; SKUs it did not look up are left alone. */
export type SkuStatus = 'listed' | 'delisted' | 'unknown';

/** The SKU ids a rule check needs to know about. */
export const referencedSkus = (doc: Y.Doc): string[] => [
  ...new Set([...doc.getMap(CART_MAP).keys(), ...doc.getMap(FAVORITES_MAP).keys()]),
];

/**
 * Brings the member document back within the rules, as one server change every channel
 * receives: a cart line needs a listed SKU and a whole quantity of 1..999 (fractions are rounded
 * down, more than 999 becomes 999, less than 1 removes the line); beyond 200 lines the most
 * recently added go; a favorite needs an existing SKU; history keeps its newest 200 entries.
 * Pure: what it knows of the SKUs is looked up by its caller (`cartCheck.ts`).
 */
export const enforceMemberRules = (doc: Y.Doc, skus: Map<string, SkuStatus>): void => {
  const cart = doc.getMap<unknown>(CART_MAP);
  const favorites = doc.getMap<unknown>(FAVORITES_MAP);
  const history = doc.getArray<unknown>(HISTORY_ARRAY);
  doc.transact(() => {
    for (const [skuId, line] of [...cart.entries()]) {
      const status = skus.get(skuId);
      if (!status) continue;
      const qty = allowedQty(entryField(line, 'qty'));
      if (qty === null || status !== 'listed') cart.delete(skuId);
      else if (qty !== entryField(line, 'qty')) setEntryField(cart, skuId, line, 'qty', qty);
    }
    const byAge = [...cart.entries()].sort(([, a], [, b]) => addedAt(a) - addedAt(b));
    for (const [skuId] of byAge.slice(MAX_CART_LINES)) cart.delete(skuId);
    for (const [skuId, entry] of [...favorites.entries()]) {
      const status = skus.get(skuId);
      if (status === 'unknown' || (status && (typeof entry !== 'object' || entry === null))) favorites.delete(skuId);
    }
    if (history.length > HISTORY_KEPT) history.delete(0, history.length - HISTORY_KEPT);
  }, SERVER_ORIGIN);
};
