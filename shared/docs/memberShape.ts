import * as Y from 'yjs';
import type * as z from 'zod/mini';
import {
  CART_MAP,
  cartLineSchema,
  FAVORITES_MAP,
  favoriteEntrySchema,
  HISTORY_ARRAY,
  HISTORY_KEPT,
  historyEntrySchema,
  MAX_CART_LINES,
  MAX_CART_QTY,
  MAX_FAVORITES,
  MEMBER_WRITABLE_TYPES,
  memberKeySchema,
} from './member';

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

/** What shaping did: `corrected` when it changed the document, `refused` when a write reached a type no client may write. */
export interface MemberShaping {
  corrected: boolean;
  refused: boolean;
}

/** What one pass found to fix; each fix marks the write corrected. */
interface Pass {
  transaction: Y.Transaction;
  corrected: boolean;
  refused: boolean;
}

/** Deletes every live map entry of `type` (`map`) or element (`list`), whatever kind it was created as. */
// biome-ignore lint/suspicious/noExplicitAny: any shared type, whatever its events
const deleteContent = (type: Y.AbstractType<any>, parts: { map: boolean; list: boolean }, pass: Pass) => {
  let deleted = false;
  if (parts.map) {
    for (const item of type._map.values()) {
      if (!item.deleted) {
        item.delete(pass.transaction);
        deleted = true;
      }
    }
  }
  if (parts.list) {
    for (let item = type._start; item !== null; item = item.right) {
      if (!item.deleted) {
        item.delete(pass.transaction);
        deleted = true;
      }
    }
  }
  if (deleted) pass.corrected = true;
  return deleted;
};

/** An entry as plain data: nested types are read as JSON, so their contents are checked too. */
const plain = (entry: unknown): unknown => (entry instanceof Y.AbstractType ? entry.toJSON() : entry);

/** The fields `entry` has beyond what `shape` kept. */
const extraFields = (entry: unknown, shape: object): string[] => {
  const kept = new Set(Object.keys(shape));
  const fields = entry instanceof Y.Map ? [...entry.keys()] : Object.keys(entry as object);
  return fields.filter((field) => !kept.has(field));
};

/**
 * Keeps the map entries that have the schema's shape under a SKU id key, without unknown
 * fields (a nested map loses them in place, a plain object is rewritten), and at most `limit`
 * of them: those added first stay.
 */
const shapeMap = (map: Y.Map<unknown>, schema: z.ZodMiniType<{ addedAt: number }>, limit: number, pass: Pass) => {
  const kept: [string, number][] = [];
  for (const [key, entry] of [...map.entries()]) {
    const shape = memberKeySchema.safeParse(key).success ? schema.safeParse(plain(entry)) : null;
    if (!shape?.success) {
      map.delete(key);
      pass.corrected = true;
      continue;
    }
    kept.push([key, shape.data.addedAt]);
    const extra = extraFields(entry, shape.data);
    if (extra.length === 0) continue;
    pass.corrected = true;
    if (entry instanceof Y.Map) for (const field of extra) entry.delete(field);
    else map.set(key, shape.data);
  }
  kept.sort(([, a], [, b]) => a - b);
  for (const [key] of kept.slice(limit)) {
    map.delete(key);
    pass.corrected = true;
  }
};

/** The quantity a cart line should have: whole, at most 999; null when the line must go. */
const allowedQty = (qty: unknown): number | null => {
  if (typeof qty !== 'number' || !Number.isFinite(qty)) return null;
  const whole = Math.min(MAX_CART_QTY, Math.floor(qty));
  return whole >= 1 ? whole : null;
};

const shapeQuantities = (cart: Y.Map<unknown>, pass: Pass) => {
  for (const [skuId, line] of [...cart.entries()]) {
    const qty = allowedQty(entryField(line, 'qty'));
    if (qty === entryField(line, 'qty')) continue;
    pass.corrected = true;
    if (qty === null) cart.delete(skuId);
    else setEntryField(cart, skuId, line, 'qty', qty);
  }
};

/** Keeps the history entries of the right shape, without unknown fields, newest 200. */
const shapeHistory = (history: Y.Array<unknown>, pass: Pass) => {
  const entries = history.toArray();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const shape = historyEntrySchema.safeParse(plain(entry));
    if (shape.success && extraFields(entry, shape.data).length === 0) continue;
    pass.corrected = true;
    history.delete(i, 1);
    if (shape.success) history.insert(i, [shape.data]);
  }
  if (history.length > HISTORY_KEPT) {
    history.delete(0, history.length - HISTORY_KEPT);
    pass.corrected = true;
  }
};

/**
 * Brings a member document back within the rules that need nothing but the document, right
 * where a client's write is applied (`workers/members/MemberRoom.ts`), and by the SDK before its
 * own edits leave the device, so a shopper sees the same result before and after the round trip: what it wrote to a
 * top-level type other than `cart`, `favorites` and `history` is deleted (refused); list
 * content in the two maps and map content in the history go; an entry needs a SKU id key and
 * its schema's shape (`shared/docs/member.ts`), and loses unknown fields; a cart quantity is
 * whole, fractions rounded down, at most 999, below 1 removing the line; beyond 200 cart lines
 * or favorites the most recently added go, and history keeps its newest 200. Each entry is so
 * bounded in bytes, and with the counts the document is. Pure: no I/O.
 */
export const shapeMemberDoc = (doc: Y.Doc): MemberShaping => {
  let correction: MemberShaping = { corrected: false, refused: false };
  doc.transact((transaction) => {
    const pass: Pass = { transaction, corrected: false, refused: false };
    for (const [name, type] of doc.share) {
      if (!MEMBER_WRITABLE_TYPES.includes(name) && deleteContent(type, { map: true, list: true }, pass)) {
        pass.refused = true;
      }
    }
    const cart = doc.getMap<unknown>(CART_MAP);
    const favorites = doc.getMap<unknown>(FAVORITES_MAP);
    const history = doc.getArray<unknown>(HISTORY_ARRAY);
    deleteContent(cart, { map: false, list: true }, pass);
    deleteContent(favorites, { map: false, list: true }, pass);
    deleteContent(history, { map: true, list: false }, pass);
    // Quantities first: a line they remove must not count towards the 200.
    shapeQuantities(cart, pass);
    shapeMap(cart, cartLineSchema, MAX_CART_LINES, pass);
    shapeMap(favorites, favoriteEntrySchema, MAX_FAVORITES, pass);
    shapeHistory(history, pass);
    correction = { corrected: pass.corrected, refused: pass.refused };
  });
  return correction;
};
