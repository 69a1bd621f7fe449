import { and, asc, count, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import { coupons, memberCoupons } from '../../../schema';
import type { ClaimableCoupon } from '../../../shared/api/coupons';
import type { Channel } from '../../../shared/channels';
import type { Database } from '../../records/db';
import { offerOf } from './couponRecords';

/** The most a storefront's coupon list shows, soonest to end first. */
const LISTED_COUPONS = 100;

/**
 * The coupons `memberId` could claim on `channel` now: within their validity, not disabled, with
 * stock left, offered on that channel, and not yet claimed up to the per-member limit — what
 * `claimCoupon` (`couponRecords.ts`) would accept.
 */
export const claimableCoupons = async (
  db: Database,
  memberId: string,
  channel: Channel,
  now: number,
): Promise<ClaimableCoupon[]> => {
  const mine = db
    .select({ couponId: memberCoupons.couponId, n: count().as('n') })
    .from(memberCoupons)
    .where(eq(memberCoupons.memberId, memberId))
    .groupBy(memberCoupons.couponId)
    .as('mine');
  const claimedByMe = sql<number>`COALESCE(${mine.n}, 0)`;
  const rows = await db
    .select({ coupon: coupons, claimedByMe })
    .from(coupons)
    .leftJoin(mine, eq(mine.couponId, coupons.id))
    .where(
      and(
        lte(coupons.startsAt, now),
        gt(coupons.endsAt, now),
        isNull(coupons.disabledAt),
        lt(coupons.claimedQuantity, coupons.totalQuantity),
        sql`EXISTS (SELECT 1 FROM json_each(${coupons.channels}) WHERE json_each.value = ${channel})`,
        sql`${claimedByMe} < ${coupons.perMemberLimit}`,
      ),
    )
    .orderBy(asc(coupons.endsAt), asc(coupons.id))
    .limit(LISTED_COUPONS);
  return rows.map(({ coupon, claimedByMe }) => ({
    id: coupon.id,
    ...offerOf(coupon),
    remaining: coupon.totalQuantity - coupon.claimedQuantity,
    perMemberLimit: coupon.perMemberLimit,
    claimedByMe,
  }));
};
