import { useEffect, useState } from 'hono/jsx';
import type { ClaimableCoupon } from '../../shared/api/coupons';
import { Notice } from '../ui/Notice';
import { useLive } from '../ui/useLive';
import { couponTerms } from './CouponChoice';
import { refusalText } from './refusalText';
import { useShop } from './shopContext';

const until = (ms: number) => new Date(ms).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** The member's claimed coupons (live), and the ones this channel offers with a Claim button. */
export const CouponList = () => {
  const { storefront } = useShop();
  const [claimed] = useLive(storefront && (() => storefront.coupons), []);
  const [claimable, setClaimable] = useState<ClaimableCoupon[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const offers = () =>
    storefront?.coupons.claimable().then(setClaimable, (error: unknown) => setRefusal(refusalText(error)));
  useEffect(() => {
    void offers();
  }, []);
  const claim = async (couponId: number) => {
    if (!storefront) return;
    setRefusal(null);
    try {
      await storefront.coupons.claim(couponId);
      await offers();
    } catch (error) {
      setRefusal(refusalText(error));
    }
  };
  const open = claimable.filter((c) => c.remaining > 0 && c.claimedByMe < c.perMemberLimit);
  return (
    <section class="card me-section" aria-label="Coupons">
      <h2 class="section-title">Coupons</h2>
      {claimed.length === 0 && open.length === 0 && <p class="muted">No coupons yet.</p>}
      <ul class="coupons">
        {claimed.map((c) => (
          <li class="coupon" data-status={c.status}>
            <strong>{c.title}</strong> <span>{couponTerms(c)}</span>
            <span class="muted">
              {' '}
              · {c.status} · until {until(c.endsAt)}
            </span>
          </li>
        ))}
        {open.map((c) => (
          <li class="coupon" data-claimable={c.id}>
            <strong>{c.title}</strong> <span>{couponTerms(c)}</span>
            <button class="button" data-kind="ghost" type="button" onClick={() => claim(c.id)}>
              Claim
            </button>
          </li>
        ))}
      </ul>
      <Notice message={refusal} />
    </section>
  );
};
