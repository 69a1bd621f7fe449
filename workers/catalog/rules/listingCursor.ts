/**
 * A page of a listing ends at the sort keys of its last product; the next page starts strictly
 * after them (keyset paging), so products added or moved meanwhile neither repeat nor vanish from
 * the pages still to come. The cursor names the sort it was made for.
 */
export interface ListingPosition {
  sort: string;
  keys: Array<string | number>;
}

const toBase64Url = (text: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const fromBase64Url = (cursor: string): string =>
  new TextDecoder().decode(Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export const encodeCursor = (position: ListingPosition): string => toBase64Url(JSON.stringify(position));

/** The position a cursor names, for a listing sorted by `sort` with `keyCount` keys; null when it names none. */
export const decodeCursor = (cursor: string, sort: string, keyCount: number): ListingPosition | null => {
  let position: unknown;
  try {
    position = JSON.parse(fromBase64Url(cursor));
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
