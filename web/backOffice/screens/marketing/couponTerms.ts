import type { AdminCouponView, CouponPatch, NewCoupon } from '../../../../shared/api/coupons';
import { CHANNELS } from '../../../../shared/channels';
import { typedFen, typedYuan, yuan } from '../../../../shared/money';

/** A moment as a `datetime-local` input holds it, in the browser's time zone. */
export const localMinute = (at: number): string => {
  const local = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
};

const moment = (text: string): number => (text ? new Date(text).getTime() : Number.NaN);

/**
 * The coupon the form describes, in the hub's units: an amount and the minimum spend are typed in
 * yuan and sent in fen, a percent as it is, times as ms. What makes no sense is left to the hub,
 * which names the field it refuses.
 */
export const couponOfForm = (form: HTMLFormElement): NewCoupon => {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const kind = text('kind') === 'percent' ? 'percent' : 'amount';
  return {
    title: text('title'),
    kind,
    value: kind === 'amount' ? typedFen(text('value')) : Number(text('value')),
    minSpend: typedFen(text('minSpend') || '0'),
    startsAt: moment(text('startsAt')),
    endsAt: moment(text('endsAt')),
    totalQuantity: Number(text('totalQuantity')),
    perMemberLimit: Number(text('perMemberLimit') || '1'),
    channels: CHANNELS.filter((channel) => data.getAll('channels').includes(channel)),
  };
};

/** A coupon's terms: the form's fields, and what an edit compares. */
export const COUPON_TERMS = [
  'title',
  'kind',
  'value',
  'minSpend',
  'startsAt',
  'endsAt',
  'totalQuantity',
  'perMemberLimit',
  'channels',
] as const;

/** Only what the operator changed, so the edit (and its audit entry) says just that. */
export const changedTerms = (coupon: AdminCouponView, edited: NewCoupon): CouponPatch =>
  Object.fromEntries(
    COUPON_TERMS.filter((term) => JSON.stringify(edited[term]) !== JSON.stringify(coupon[term])).map((term) => [
      term,
      edited[term],
    ]),
  );

/** "¥10.00 off over ¥99.00", "15% off". */
export const offerText = (coupon: Pick<AdminCouponView, 'kind' | 'value' | 'minSpend'>): string => {
  const off = coupon.kind === 'amount' ? `${yuan(coupon.value)} off` : `${coupon.value}% off`;
  return coupon.minSpend > 0 ? `${off} over ${yuan(coupon.minSpend)}` : off;
};

/** The form's value field as the operator types it: yuan for an amount, the percent for a percent. */
export const valueInput = (coupon: Pick<AdminCouponView, 'kind' | 'value'>): string =>
  coupon.kind === 'amount' ? typedYuan(coupon.value) : String(coupon.value);
