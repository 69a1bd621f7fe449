import { and, desc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { coupons, memberCoupons } from '../../../schema';
import type { AdminCouponQuery, AdminCouponView, CouponPatch } from '../../../shared/api/coupons';
import { pageOf } from '../../../shared/api/paging';
import type { Database } from '../../records/db';
import type { Coupon } from './couponRecords';

/** A coupon as the back office sees it: how many were claimed, how many are left, and where it stands. */
export type AdminCoupon = AdminCouponView;

const statusAt = (coupon: Coupon, now: number): AdminCoupon['status'] => {
  if (coupon.disabledAt !== null) return 'disabled';
  if (now < coupon.startsAt) return 'scheduled';
  return now < coupon.endsAt ? 'active' : 'ended';
};

export const adminCouponOf = (coupon: Coupon, now: number): AdminCoupon => ({
  ...coupon,
  claimed: coupon.claimedQuantity,
  remaining: coupon.totalQuantity - coupon.claimedQuantity,
  status: statusAt(coupon, now),
});

export const findCoupon = async (db: Database, couponId: number): Promise<Coupon | null> =>
  (await db.query.coupons.findFirst({ where: eq(coupons.id, couponId) })) ?? null;

/** One page of every coupon, newest first (ties broken by id). */
export const listCoupons = async (
  db: Database,
  query: AdminCouponQuery,
  now: number,
): Promise<{ coupons: AdminCoupon[]; nextCursor: string | null }> => {
  const after = query.cursor;
  const rows = await db
    .select()
    .from(coupons)
    .where(
      after === undefined
        ? undefined
        : or(lt(coupons.createdAt, after.at), and(eq(coupons.createdAt, after.at), lt(coupons.id, Number(after.id)))),
    )
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (coupon) => ({ at: coupon.createdAt, id: coupon.id }));
  return { coupons: page.map((coupon) => adminCouponOf(coupon, now)), nextCursor };
};

/**
 * Applies an edit only while at most `maxClaimed` coupons are claimed, checked in the same
 * statement as the write, so a claim landing after the operator's checks cannot be broken by it.
 * Null when that no longer holds.
 */
export const updateCoupon = async (
  db: Database,
  couponId: number,
  patch: CouponPatch,
  maxClaimed: number,
): Promise<Coupon | null> => {
  const [row] = await db
    .update(coupons)
    .set(patch)
    .where(and(eq(coupons.id, couponId), lte(coupons.claimedQuantity, maxClaimed)))
    .returning();
  return row ?? null;
};

/** Stops further claims; answers the coupon (disabled at its first disabling). */
export const disableCoupon = async (db: Database, couponId: number, now: number): Promise<Coupon | null> => {
  await db
    .update(coupons)
    .set({ disabledAt: now })
    .where(and(eq(coupons.id, couponId), isNull(coupons.disabledAt)));
  return findCoupon(db, couponId);
};

/** The members holding an unused claim of the coupon: whose accounts show it. */
export const couponHolders = async (db: Database, couponId: number): Promise<string[]> =>
  (
    await db
      .selectDistinct({ memberId: memberCoupons.memberId })
      .from(memberCoupons)
      .where(and(eq(memberCoupons.couponId, couponId), inArray(memberCoupons.status, ['claimed', 'locked'])))
  ).map((row) => row.memberId);
