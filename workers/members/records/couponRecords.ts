import { and, count, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { coupons, memberCoupons } from '../../../schema';
import type { NewCoupon } from '../../../shared/api/coupons';
import { CHANNELS, type Channel } from '../../../shared/channels';
import type { AccountCoupon, CouponOffer } from '../../../shared/docs/account';
import { type Refusal, refusal } from '../../platform/refusal';
import type { Database } from '../../records/db';

export type Coupon = typeof coupons.$inferSelect;

/** The terms a coupon row offers, as every listing of it shows them. */
export const offerOf = (coupon: Coupon): CouponOffer => ({
  title: coupon.title,
  kind: coupon.kind,
  value: coupon.value,
  minSpend: coupon.minSpend,
  startsAt: coupon.startsAt,
  endsAt: coupon.endsAt,
  channels: coupon.channels,
});

export const insertCoupon = async (db: Database, input: NewCoupon, now: number): Promise<Coupon> => {
  const [row] = await db
    .insert(coupons)
    .values({ ...input, channels: input.channels ?? [...CHANNELS], createdAt: now })
    .returning();
  if (!row) throw new Error('coupon was not stored');
  return row;
};

/**
 * Claims one coupon for a member on `channel`, one of the coupon's channels. Runs inside the member's own object, so the per-member limit
 * is checked without a race; the total quantity is taken by one guarded update, so concurrent
 * claims by different members never exceed it.
 */
export const claimCoupon = async (
  db: Database,
  memberId: string,
  couponId: number,
  channel: Channel,
  now: number,
): Promise<{ claimId: number } | Refusal> => {
  const coupon = await db.query.coupons.findFirst({ where: eq(coupons.id, couponId) });
  if (!coupon) return refusal(404, 'not_found', 'coupon not found', 'couponId');
  if (coupon.disabledAt !== null) return refusal(409, 'coupon_disabled', 'the coupon was withdrawn', 'couponId');
  if (!coupon.channels.includes(channel)) {
    return refusal(409, 'coupon_channel', `the coupon cannot be claimed on ${channel}`, 'couponId');
  }
  if (now < coupon.startsAt || now >= coupon.endsAt) {
    return refusal(409, 'coupon_not_active', 'the coupon cannot be claimed now');
  }
  const [held] = await db
    .select({ n: count() })
    .from(memberCoupons)
    .where(and(eq(memberCoupons.memberId, memberId), eq(memberCoupons.couponId, couponId)));
  if ((held?.n ?? 0) >= coupon.perMemberLimit) {
    return refusal(409, 'claim_limit_reached', `at most ${coupon.perMemberLimit} per member`);
  }
  const taken = await db
    .update(coupons)
    .set({ claimedQuantity: sql`${coupons.claimedQuantity} + 1` })
    .where(
      and(eq(coupons.id, couponId), isNull(coupons.disabledAt), lt(coupons.claimedQuantity, coupons.totalQuantity)),
    )
    .returning({ id: coupons.id });
  if (taken.length === 0) {
    // Disabled after the read above: say so rather than "sold out".
    const current = await db.query.coupons.findFirst({
      columns: { disabledAt: true },
      where: eq(coupons.id, couponId),
    });
    return current?.disabledAt == null
      ? refusal(409, 'sold_out', 'no coupons left')
      : refusal(409, 'coupon_disabled', 'the coupon was withdrawn', 'couponId');
  }
  const [claim] = await db
    .insert(memberCoupons)
    .values({ couponId, memberId, status: 'claimed', claimedChannel: channel, claimedAt: now })
    .returning({ claimId: memberCoupons.id });
  if (!claim) throw new Error('claim was not stored');
  return claim;
};

/** Members' claims, each with the coupon it is a claim on. */
const claimsWithCoupons = (db: Database) =>
  db
    .select({ claim: memberCoupons, coupon: coupons })
    .from(memberCoupons)
    .innerJoin(coupons, eq(coupons.id, memberCoupons.couponId));

/** A member's claimed coupons that are still current (not used, not past their end). */
export const heldCoupons = async (
  db: Database,
  memberId: string,
  now: number,
): Promise<Record<string, AccountCoupon>> => {
  const rows = await claimsWithCoupons(db).where(
    and(
      eq(memberCoupons.memberId, memberId),
      inArray(memberCoupons.status, ['claimed', 'locked']),
      gte(coupons.endsAt, now),
    ),
  );
  return Object.fromEntries(
    rows.map(({ claim, coupon }) => [
      String(claim.id),
      {
        couponId: coupon.id,
        ...offerOf(coupon),
        status: claim.status,
        claimedChannel: claim.claimedChannel,
        claimedAt: claim.claimedAt,
      },
    ]),
  );
};

/**
 * The member's claim on `couponId` that an order of `total` fen on `channel` may use now, and
 * the discount it gives; a refusal saying why not otherwise.
 */
export const couponForOrder = async (
  db: Database,
  memberId: string,
  couponId: number,
  channel: Channel,
  total: number,
  now: number,
  /** Claims D1 still shows claimed that an order not yet written there has locked. */
  lockedElsewhere: number[] = [],
): Promise<{ claimId: number; discount: number } | Refusal> => {
  const [held] = await claimsWithCoupons(db)
    .where(
      and(
        eq(memberCoupons.memberId, memberId),
        eq(memberCoupons.couponId, couponId),
        eq(memberCoupons.status, 'claimed'),
        lockedElsewhere.length > 0 ? notInArray(memberCoupons.id, lockedElsewhere) : undefined,
      ),
    )
    .limit(1);
  if (!held) return refusal(409, 'coupon_not_held', 'no unused claim of this coupon', 'couponId');
  const { claim, coupon } = held;
  if (now < coupon.startsAt || now >= coupon.endsAt) {
    return refusal(409, 'coupon_not_active', 'the coupon is not valid now', 'couponId');
  }
  if (!coupon.channels.includes(channel)) {
    return refusal(409, 'coupon_channel', `the coupon cannot be used on ${channel}`, 'couponId');
  }
  if (total < coupon.minSpend) {
    return refusal(409, 'coupon_min_spend', `the coupon needs a spend of ${coupon.minSpend}`, 'couponId');
  }
  const discount = coupon.kind === 'amount' ? coupon.value : Math.floor((total * coupon.value) / 100);
  return { claimId: claim.id, discount: Math.min(discount, total) };
};
