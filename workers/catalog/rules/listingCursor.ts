import { cursorText, opaqueCursor } from '../../../shared/api/paging';

/**
 * A page of a listing ends at the sort keys of its last product; the next page starts strictly
 * after them (keyset paging), so products added or moved meanwhile neither repeat nor vanish from
 * the pages still to come. The cursor names the sort it was made for.
 */
export interface ListingPosition {
  sort: string;
  keys: Array<string | number>;
}

export const encodeCursor = (position: ListingPosition): string => opaqueCursor(JSON.stringify(position));

/** The position a cursor names, for a listing sorted by `sort` with `keyCount` keys; null when it names none. */
export const decodeCursor = (cursor: string, sort: string, keyCount: number): ListingPosition | null => {
  let position: unknown;
  try {
    position = JSON.parse(cursorText(cursor) ?? '');
  } catch {
    return null;
  }
  const { sort: madeFor, keys } = (position ?? {}) as Partial<ListingPosition>;
  const valid =
    madeFor === sort &&
    Array.isArray(keys) &&
    keys.length === keyCount &&
    keys.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)));
  return valid ? { sort, keys } : null;
};
