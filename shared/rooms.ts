/**
 * Room names are the contract between storefronts and the hub (docs/architecture.md, "Objects and
 * rooms"): `sku:<skuId>`, `catalog`, `catalog:<viewId>`, `member:<memberId>`, `account:<memberId>`, `monitor`.
 */
export type RoomKind = 'sku' | 'catalog' | 'member' | 'account' | 'monitor';

export interface RoomName {
  kind: RoomKind;
  /** The SKU or member id; `null` for the singleton rooms. */
  id: string | null;
}

/** Ids are short, URL- and tag-safe tokens; anything else cannot name a room. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const KEYED: readonly RoomKind[] = ['sku', 'member', 'account', 'catalog'];
const SINGLETON: readonly RoomKind[] = ['catalog', 'monitor'];

export const parseRoom = (name: string): RoomName | null => {
  if ((SINGLETON as readonly string[]).includes(name)) return { kind: name as RoomKind, id: null };
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon) as RoomKind;
  const id = name.slice(colon + 1);
  if (!KEYED.includes(kind) || !ID_PATTERN.test(id)) return null;
  return { kind, id };
};

export const skuRoom = (skuId: string) => `sku:${skuId}`;
export const memberRoom = (memberId: string) => `member:${memberId}`;
export const accountRoom = (memberId: string) => `account:${memberId}`;
export const CATALOG_ROOM = 'catalog';
/** A listing feed: the products one page shows (`shared/docs/listing.ts`). */
export const catalogFeedRoom = (viewId: string) => `catalog:${viewId}`;
export const MONITOR_ROOM = 'monitor';
