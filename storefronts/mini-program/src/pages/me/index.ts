import type { ClaimedCoupon } from '../../../../../sdk/src/accountDocument';
import type { Session } from '../../../../../shared/api/auth';
import type { ClaimableCoupon } from '../../../../../shared/api/coupons';
import type { Assets, CouponOffer } from '../../../../../shared/docs/account';
import { explainFailure } from '../../failures';
import { hold, release } from '../../heldViews';
import { yuan } from '../../money';
import { shop } from '../../storefront';
import { called, definePage, type Tap, wechat } from '../../wechat';

const COUPON_STATUS: Record<ClaimedCoupon['status'], string> = {
  claimed: '可使用',
  locked: '已锁定',
  used: '已使用',
  expired: '已过期',
};

const terms = (offer: CouponOffer) => {
  const off = offer.kind === 'amount' ? `减${yuan(offer.value)}` : `${(100 - offer.value) / 10}折`;
  return offer.minSpend > 0 ? `满${yuan(offer.minSpend)}${off}` : off;
};

/** The shopper: WeChat login, points, balance and tier, coupons held and to claim, log out. */
definePage({
  data: {
    member: false,
    memberId: '',
    points: 0,
    balance: yuan(0),
    tier: '',
    coupons: [] as Array<{ claimId: string; title: string; terms: string; status: string }>,
    claimable: [] as Array<{ id: number; title: string; terms: string }>,
    busy: false,
  },
  methods: {
    onLoad() {
      const showSession = (session: Session | null) => {
        const member = session?.role === 'member';
        this.setData({ member, memberId: member ? (session?.memberId ?? '') : '' });
        void this.loadClaimable();
      };
      const showAssets = (assets: Assets) =>
        this.setData({ points: assets.points, balance: yuan(assets.balance), tier: assets.tier });
      const showCoupons = (coupons: ClaimedCoupon[]) =>
        this.setData({
          coupons: coupons.map((c) => ({
            claimId: c.claimId,
            title: c.title,
            terms: terms(c),
            status: COUPON_STATUS[c.status],
          })),
        });
      showSession(shop().auth.session.get());
      showAssets(shop().assets.get());
      showCoupons(shop().coupons.get());
      hold(
        this,
        'account',
        shop().auth.session.subscribe(showSession),
        shop().assets.subscribe(showAssets),
        shop().coupons.subscribe(showCoupons),
      );
    },
    onUnload() {
      release(this);
    },
    /** What the member may claim on the mini-program now (a guest claims nothing). */
    async loadClaimable() {
      if (!this.data.member) {
        this.setData({ claimable: [] });
        return;
      }
      try {
        const offers: ClaimableCoupon[] = await shop().coupons.claimable();
        this.setData({
          // The hub lists only what the member may still claim (README.md, `GET /api/coupons`).
          claimable: offers.map((c) => ({ id: c.id, title: c.title, terms: terms(c) })),
        });
      } catch (error) {
        explainFailure(error);
      }
    },
    async loginWithWechat() {
      this.setData({ busy: true });
      try {
        const { code } = await called<{ code: string }>((callbacks) => wechat().login(callbacks));
        await shop().auth.loginWithWechat(code);
      } catch (error) {
        explainFailure(error);
      } finally {
        this.setData({ busy: false });
      }
    },
    async claim(event: Tap<{ id: string }>) {
      try {
        await shop().coupons.claim(Number(event.currentTarget.dataset.id));
        wechat().showToast({ title: '领取成功', icon: 'success' });
      } catch (error) {
        explainFailure(error);
      }
      await this.loadClaimable();
    },
    /** Logs out, and starts a guest session so the cart keeps working. */
    async logOut() {
      await shop().auth.logOut();
      await shop().auth.guest();
    },
  },
});
