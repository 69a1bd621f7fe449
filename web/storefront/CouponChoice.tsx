import type { ClaimedCoupon } from '../../sdk/src/accountDocument';
import type { Channel } from '../../shared/channels';
import type { CouponOffer } from '../../shared/docs/account';
import { yuan } from '../../shared/money';
import { useLive } from '../ui/useLive';
import { enteredValue } from './browserPage';
import { useShop } from './shopContext';

/** What a coupon takes off `goods` (fen), as the hub prices it: nothing below its minimum spend. */
export const couponDiscount = (coupon: CouponOffer, goods: number): number =>
  goods < coupon.minSpend
    ? 0
    : coupon.kind === 'amount'
      ? Math.min(coupon.value, goods)
      : Math.floor((goods * coupon.value) / 100);

/** The coupon's offer in a few words: `¥10.00 off over ¥50.00`, `15% off`. */
export const couponTerms = (coupon: CouponOffer): string =>
  `${coupon.kind === 'amount' ? `${yuan(coupon.value)} off` : `${coupon.value}% off`}${coupon.minSpend > 0 ? ` over ${yuan(coupon.minSpend)}` : ''}`;

/** A claimed coupon this order may use now: not locked or used, running, for this channel, its minimum met. */
const usable = (coupon: ClaimedCoupon, channel: Channel, goods: number, now: number) =>
  coupon.status === 'claimed' &&
  coupon.startsAt <= now &&
  now < coupon.endsAt &&
  coupon.channels.includes(channel) &&
  goods >= coupon.minSpend;

/** The member's claimed coupons usable on this order, or none; tells the page the one chosen. */
export const CouponChoice = ({
  goods,
  chosen,
  onChange,
}: {
  goods: number;
  chosen: ClaimedCoupon | null;
  onChange: (coupon: ClaimedCoupon | null) => void;
}) => {
  const { storefront, channel } = useShop();
  const [coupons] = useLive(storefront && (() => storefront.coupons), []);
  const now = Date.now();
  const choices = coupons.filter((c) => usable(c, channel, goods, now));
  if (choices.length === 0) return null;
  return (
    <section class="checkout-section card" aria-label="Coupon" data-section="coupon">
      <h2 class="section-title">Coupon</h2>
      <label class="field">
        <span class="visually-hidden">Coupon</span>
        <select
          name="coupon"
          onChange={(e: Event) => onChange(choices.find((c) => c.claimId === enteredValue(e)) ?? null)}
        >
          <option value="" selected={chosen === null}>
            No coupon
          </option>
          {choices.map((c) => (
            <option value={c.claimId} selected={chosen?.claimId === c.claimId}>
              {c.title} · {couponTerms(c)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
};
