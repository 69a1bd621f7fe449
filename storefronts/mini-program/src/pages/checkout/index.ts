import type { ClaimedCoupon } from '../../../../../sdk/src/accountDocument';
import type { NewAddressRequest } from '../../../../../shared/api/addresses';
import type { BookAddress } from '../../../../../shared/checkout';
import { explainFailure } from '../../failures';
import { hold, release } from '../../heldViews';
import { yuan } from '../../money';
import { payOrder } from '../../payment';
import { type PricedLine, pricedCart, selectedTotal } from '../../pricedCart';
import { shop } from '../../storefront';
import { called, definePage, type Tap, wechat } from '../../wechat';

interface AddressChoice {
  id: string;
  person: string;
  place: string;
  chosen: boolean;
}

interface CouponChoice {
  couponId: number;
  title: string;
  off: string;
  chosen: boolean;
}

const place = (a: BookAddress) => `${a.provinceName}${a.cityName}${a.countyName}${a.streetName ?? ''}${a.detailInfo}`;

/** What a claimed coupon takes off `goods` (fen), or null when it cannot be used on it here now. */
const discount = (coupon: ClaimedCoupon, goods: number, now = Date.now()): number | null => {
  const usable =
    coupon.status === 'claimed' &&
    coupon.startsAt <= now &&
    now < coupon.endsAt &&
    coupon.channels.includes('mini') &&
    goods >= coupon.minSpend;
  if (!usable) return null;
  return coupon.kind === 'amount' ? Math.min(coupon.value, goods) : Math.floor((goods * coupon.value) / 100);
};

/**
 * Checkout: the selected cart lines, an address (picked from WeChat's address picker into the
 * book, or one saved before), express delivery, a claimed coupon; placing the order pays it.
 */
definePage({
  data: {
    lines: [] as PricedLine[],
    goods: yuan(0),
    addresses: [] as AddressChoice[],
    addressId: '',
    coupons: [] as CouponChoice[],
    couponId: 0,
    payable: yuan(0),
    placing: false,
  },
  methods: {
    onLoad() {
      const render = () => this.render();
      hold(
        this,
        'checkout',
        pricedCart((lines) => {
          this.setData({ lines: lines.filter((l) => l.selected && l.buyable) });
          render();
        }),
        shop().addresses.subscribe(render),
        shop().coupons.subscribe(render),
      );
      render();
    },
    onUnload() {
      release(this);
    },
    render() {
      const goods = selectedTotal(this.data.lines);
      const book = shop().addresses.get();
      const addressId = book.some((a) => a.id === this.data.addressId) ? this.data.addressId : (book[0]?.id ?? '');
      const offers = shop()
        .coupons.get()
        .flatMap((c) => {
          const off = discount(c, goods);
          return off === null ? [] : [{ coupon: c, off }];
        });
      const couponId = offers.some((o) => o.coupon.couponId === this.data.couponId) ? this.data.couponId : 0;
      const taken = offers.find((o) => o.coupon.couponId === couponId)?.off ?? 0;
      this.setData({
        goods: yuan(goods),
        addressId,
        addresses: book.map((a) => ({
          id: a.id,
          person: `${a.userName} ${a.telNumber}`,
          place: place(a),
          chosen: a.id === addressId,
        })),
        couponId,
        coupons: offers.map(({ coupon, off }) => ({
          couponId: coupon.couponId,
          title: coupon.title,
          off: `-${yuan(off)}`,
          chosen: coupon.couponId === couponId,
        })),
        payable: yuan(goods - taken),
      });
    },
    chooseAddress(event: Tap<{ id: string }>) {
      this.setData({ addressId: event.currentTarget.dataset.id });
      this.render();
    },
    /** WeChat's address picker: its answer goes into the address book as it is, and is used for this order. */
    async pickWechatAddress() {
      // `fail` here is the shopper closing the picker (or refusing it the address): nothing to say.
      const picked = await called<NewAddressRequest>((callbacks) => wechat().chooseAddress(callbacks)).catch(
        () => null,
      );
      if (!picked) return;
      try {
        const saved = await shop().addresses.add(picked);
        this.setData({ addressId: saved.id });
        this.render();
      } catch (error) {
        explainFailure(error);
      }
    },
    chooseCoupon(event: Tap<{ id: string }>) {
      const couponId = Number(event.currentTarget.dataset.id);
      this.setData({ couponId: couponId === this.data.couponId ? 0 : couponId });
      this.render();
    },
    async placeOrder() {
      const { addressId, couponId, placing } = this.data;
      if (placing) return;
      if (!addressId) {
        wechat().showToast({ title: '请选择收货地址', icon: 'none' });
        return;
      }
      this.setData({ placing: true });
      try {
        // The cart's selected lines, taken out of the cart once ordered.
        const order = await shop().checkout({
          delivery: { kind: 'express', addressId },
          ...(couponId ? { couponId } : {}),
        });
        await payOrder(order.id);
        wechat().redirectTo({ url: '/pages/orders/index' });
      } catch (error) {
        explainFailure(error);
      } finally {
        this.setData({ placing: false });
      }
    },
  },
});
