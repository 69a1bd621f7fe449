import { z } from 'zod';
import type { coupons } from '../../schema/coupons';
import { CHANNELS } from '../channels';
import type { CouponOffer } from '../docs/account';
import { eachOnce } from './eachOnce';
import { cursorSchema, pageLimitSchema } from './paging';

const couponFields = {
  title: z.string().trim().min(1).max(100),
  kind: z.enum(['amount', 'percent']),
  /** Fen off for `amount`, percent off (1–99) for `percent`. */
  value: z.number().int().min(1),
  minSpend: z.number().int().min(0),
  startsAt: z.number().int().min(0),
  endsAt: z.number().int().min(0),
  totalQuantity: z.number().int().min(1).max(10_000_000),
  perMemberLimit: z.number().int().min(1).max(100),
  /** Where the coupon may be claimed and used. */
  channels: z.array(z.enum(CHANNELS)).min(1).refine(eachOnce(), { message: 'channels must be unique' }),
};

export const newCouponSchema = z
  .strictObject({
    ...couponFields,
    minSpend: couponFields.minSpend.optional(),
    perMemberLimit: couponFields.perMemberLimit.optional(),
    channels: couponFields.channels.optional(),
  })
  .refine((c) => c.kind === 'amount' || c.value <= 99, { message: 'percent off is 1 to 99', path: ['value'] })
  .refine((c) => c.endsAt > c.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

/**
 * `PATCH /api/admin/coupons/:couponId`: any of the coupon's fields. The edited coupon must still
 * make sense (400), and once members hold it, must not take from them what they claimed (409,
 * `workers/members/rules/couponEdits.ts`).
 */
export const couponPatchSchema = z
  .strictObject(couponFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });

export const couponIdParam = z.strictObject({ couponId: z.coerce.number().int().min(1) });

/** `GET /api/admin/coupons`: every coupon, newest first, `limit` per page. */
export const adminCouponQuerySchema = z.strictObject({ limit: pageLimitSchema, cursor: cursorSchema.optional() });

export type NewCoupon = z.infer<typeof newCouponSchema>;
export type CouponPatch = z.infer<typeof couponPatchSchema>;
export type AdminCouponQuery = z.infer<typeof adminCouponQuerySchema>;

/** A coupon a shopper may claim now, as the storefront shows it (`GET /api/coupons`). */
export interface ClaimableCoupon extends CouponOffer {
  id: number;
  /** Coupons left to claim, for everyone. */
  remaining: number;
  perMemberLimit: number;
  /** How many of it this member has claimed so far. */
  claimedByMe: number;
}

/** A coupon as the admin API answers it: its terms, how many were claimed and are left, and where it stands. */
export type AdminCouponView = typeof coupons.$inferSelect & {
  claimed: number;
  remaining: number;
  status: 'scheduled' | 'active' | 'ended' | 'disabled';
};
