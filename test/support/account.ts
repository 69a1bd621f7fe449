import type { Session } from '../../shared/api/auth';
import type { Channel } from '../../shared/channels';
import { admin } from './hub';
import { shopper } from './members';
import { RoomClient } from './roomClient';

/** A coupon the operator defines, valid from now for a day unless `overrides` say otherwise. */
export const createCoupon = async (overrides: Record<string, unknown> = {}): Promise<{ id: number }> => {
  const response = await admin('POST', '/api/admin/coupons', {
    title: '10 off',
    kind: 'amount',
    value: 1000,
    startsAt: Date.now() - 1000,
    endsAt: Date.now() + 86_400_000,
    totalQuantity: 100,
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`coupon failed: ${response.status} ${await response.text()}`);
  return response.json();
};

/** An operator's points or balance move. */
export const adjust = (memberId: string, ledger: 'points' | 'balance', body: Record<string, unknown>) =>
  admin('POST', `/api/admin/members/${memberId}/${ledger}`, body);

/** The member's `account:` room on `channel`. */
export const accountClient = (session: Session, channel: Channel) =>
  RoomClient.connect(`account:${session.memberId}`, channel, session.token);

/** A shopper's claim of a coupon, on the token's channel. */
export const claimCoupon = (couponId: number, token: string) =>
  shopper('POST', `/api/coupons/${couponId}/claim`, undefined, token);
