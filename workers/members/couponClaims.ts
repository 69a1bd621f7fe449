import type { Channel } from '../../shared/channels';
import { clock } from '../platform/clock';
import type { Refusal } from '../platform/refusal';
import { database } from '../records/db';
import { mirror } from './accountMirror';
import type { MemberContext } from './memberContext';
import { claimCoupon as claimInRecords } from './records/couponRecords';

/** Claims a coupon on `channel` (usable on any channel the coupon allows); the account shows the claim. */
export const claimCoupon = async (
  member: MemberContext,
  couponId: number,
  channel: Channel,
): Promise<{ claimId: number } | Refusal> => {
  const claimed = await claimInRecords(database(member.env.DB), member.memberId, couponId, channel, clock.now());
  if ('claimId' in claimed) await mirror(member);
  return claimed;
};
