import type * as Y from 'yjs';
import {
  type AccountContents,
  ADDRESSES_MAP,
  ASSETS_MAP,
  type Assets,
  COUPONS_MAP,
  ORDERS_MAP,
  orderSummaryOf,
} from '../../shared/docs/account';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import { SERVER_ORIGIN } from '../platform/room/YRoom';
import { database } from '../records/db';
import { accountDoc, type MemberContext } from './memberContext';
import { accountContents } from './records/accountRecords';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Makes `map` hold exactly `entries`, touching only what differs (so unchanged keys send nothing). */
const mirrorInto = (map: Y.Map<unknown>, entries: Record<string, unknown>): void => {
  for (const key of [...map.keys()]) if (!(key in entries)) map.delete(key);
  for (const [key, value] of Object.entries(entries)) if (!same(map.get(key), value)) map.set(key, value);
};

/** Writes the member's records into the `account:` document, as one server change. */
export const mirrorAccount = (doc: Y.Doc, contents: AccountContents): void => {
  doc.transact(() => {
    mirrorInto(doc.getMap(ASSETS_MAP), { ...contents.assets });
    mirrorInto(doc.getMap(COUPONS_MAP), contents.coupons);
    mirrorInto(doc.getMap(ORDERS_MAP), contents.orders);
    mirrorInto(doc.getMap(ADDRESSES_MAP), contents.addresses);
  }, SERVER_ORIGIN);
};

/** Whether the account document was ever written (a new object starts empty). */
export const accountMirrored = (doc: Y.Doc): boolean => doc.getMap(ASSETS_MAP).has('points');

/**
 * Adds or updates one order in an account document already mirrored, without reading the
 * member's other records again; a document never mirrored is left for its first full mirror.
 */
export const mirrorOrder = (doc: Y.Doc, orderId: string, order: Parameters<typeof orderSummaryOf>[0]): void => {
  if (!accountMirrored(doc)) return;
  doc.transact(() => doc.getMap(ORDERS_MAP).set(orderId, orderSummaryOf(order)), SERVER_ORIGIN);
};

/** Rewrites the member's `account:` document from D1 and answers what it now holds. */
export const mirror = async (member: MemberContext): Promise<AccountContents | Refusal> => {
  const contents = await accountContents(database(member.env.DB), member.memberId, clock.now());
  if (!contents) return refusal(404, 'not_found', 'member not found', 'memberId');
  mirrorAccount(accountDoc(member), contents);
  return contents;
};

/** The member's assets after the mirror is rewritten: what an operator's move answers. */
export const assetsAfterMirror = async (member: MemberContext): Promise<Assets | Refusal> => {
  const contents = await mirror(member);
  return 'refused' in contents ? contents : contents.assets;
};

/**
 * The `assets` the member's channels see now, not re-read from D1 (the consistency check
 * compares them with the ledgers); null when the account document was never written.
 */
export const mirroredAssets = (member: MemberContext): Assets | null => {
  const doc = accountDoc(member);
  return accountMirrored(doc) ? (doc.getMap(ASSETS_MAP).toJSON() as Assets) : null;
};
