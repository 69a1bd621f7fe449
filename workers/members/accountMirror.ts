import type * as Y from 'yjs';
import {
  type AccountContents,
  type AccountCoupon,
  ADDRESSES_MAP,
  ASSETS_MAP,
  type Assets,
  COUPONS_MAP,
  ORDERS_MAP,
  orderSummaryOf,
} from '../../shared/docs/account';
import { withQueuedOrders } from '../orders/orderOutbox';
import type { OrderWrite } from '../orders/records/orderRecords';
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
 * Adds a placed order to an account document already mirrored, with the coupon claim it locks
 * shown locked, without reading the member's other records again; a document never mirrored is
 * left for its first full mirror.
 */
export const mirrorPlacedOrder = (doc: Y.Doc, write: OrderWrite): void => {
  if (!accountMirrored(doc)) return;
  const { order, claimId } = write;
  doc.transact(() => {
    doc.getMap(ORDERS_MAP).set(order.id, orderSummaryOf(order));
    const coupons = doc.getMap<AccountCoupon>(COUPONS_MAP);
    const coupon = claimId === null ? undefined : coupons.get(String(claimId));
    if (coupon) coupons.set(String(claimId), { ...coupon, status: 'locked' });
  }, SERVER_ORIGIN);
};

/**
 * Rewrites the member's `account:` document from D1, with the orders still on their way there,
 * and answers what it now holds.
 */
export const mirror = async (member: MemberContext): Promise<AccountContents | Refusal> => {
  const queued = member.orderOutbox.queued();
  const stored = await accountContents(database(member.env.DB), member.memberId, clock.now());
  if (!stored) return refusal(404, 'not_found', 'member not found', 'memberId');
  const contents = withQueuedOrders(stored, queued);
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
