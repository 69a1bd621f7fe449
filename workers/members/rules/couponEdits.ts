import type { CouponPatch } from '../../../shared/api/coupons';
import type { CouponOffer } from '../../../shared/docs/account';

/** What an operator may edit on a coupon. */
export interface CouponTerms extends CouponOffer {
  totalQuantity: number;
  perMemberLimit: number;
}

export interface EditProblem {
  field: keyof CouponTerms;
  message: string;
}

/** The coupon an edit would leave, or the field that would make no sense (a 400). */
export const editedTerms = (
  coupon: CouponTerms,
  patch: CouponPatch,
): { terms: CouponTerms } | { invalid: EditProblem } => {
  const terms = { ...coupon, ...patch };
  if (terms.endsAt <= terms.startsAt) return { invalid: { field: 'endsAt', message: 'must be after startsAt' } };
  if (terms.kind === 'percent' && terms.value > 99)
    return { invalid: { field: 'value', message: 'percent off is 1 to 99' } };
  return { terms };
};

/**
 * What an edit would take from members who already hold the coupon, or null: a claimed coupon
 * keeps the discount and spend it was claimed with, stays usable for at least the time and on
 * every channel it was, and the coupons handed out stay counted in the total. A new title, a
 * longer validity, more channels, more stock or another per-member limit (which binds only
 * future claims) take nothing.
 */
export const brokenClaims = (coupon: CouponTerms, terms: CouponTerms, claimed: number): EditProblem | null => {
  if (terms.totalQuantity < claimed) {
    return { field: 'totalQuantity', message: `${claimed} are claimed already; the total cannot be lower` };
  }
  if (claimed === 0) return null;
  for (const field of ['kind', 'value', 'minSpend'] as const) {
    if (terms[field] !== coupon[field])
      return { field, message: `members hold this coupon: its ${field} cannot change` };
  }
  if (terms.startsAt > coupon.startsAt) {
    return { field: 'startsAt', message: 'members hold this coupon: it cannot start later' };
  }
  if (terms.endsAt < coupon.endsAt)
    return { field: 'endsAt', message: 'members hold this coupon: it cannot end sooner' };
  const dropped = coupon.channels.find((channel) => !terms.channels.includes(channel));
  if (dropped !== undefined) {
    return { field: 'channels', message: `members hold this coupon: it cannot stop being usable on ${dropped}` };
  }
  return null;
};
