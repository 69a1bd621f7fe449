import type { LiveView } from '../../sdk/src/liveView';
import type { Storefront } from '../../sdk/src/storefront';
import type { ClaimableCoupon } from '../../shared/api/coupons';
import type { Channel } from '../../shared/channels';
import { pathsOf } from '../storefront/paths';

/**
 * Emma's journey across the four channels, as the mall's product page tells it ("Shopper Emma,
 * one purchase across channels": add to cart on the mini-program, claim a coupon on H5, pay in the
 * App, track shipping on PC), played on the demo member with one SDK storefront per channel: each
 * step acts on its channel and times how long until another channel's live view shows it.
 */
const EMMA = { phone: '+8613800138000', code: '246810' } as const; // README, "Development logins"
const TEE = { productId: 'prd_demo_tee', skuId: 'sku_demo_tee_m', price: 9900 } as const; // schema/seed.sql
const EMMA_ADDRESS = {
  userName: 'Emma',
  telNumber: EMMA.phone,
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '静安区',
  detailInfo: '南京西路 1266 号',
};
const SHOWN_WITHIN_MS = 10_000;

export type StepId = 'cart' | 'coupon' | 'pay' | 'track';
export type StepStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JourneyStep {
  id: StepId;
  title: string;
  /** Where Emma (or, for shipping, the operator for her) acts. */
  channel: Channel;
  /** The channel whose live view the latency is measured on. */
  seenOn: Channel;
  status: StepStatus;
  latencyMs: number | null;
  /** What happened, or why it failed. */
  note: string | null;
}

const IDLE = { status: 'pending', latencyMs: null, note: null } as const;

export const JOURNEY_STEPS: readonly JourneyStep[] = [
  { id: 'cart', title: 'Browse & add to cart', channel: 'mini', seenOn: 'h5', ...IDLE },
  { id: 'coupon', title: 'Claim coupon', channel: 'h5', seenOn: 'app', ...IDLE },
  { id: 'pay', title: 'Continue to pay', channel: 'app', seenOn: 'pc', ...IDLE },
  { id: 'track', title: 'Track shipping', channel: 'pc', seenOn: 'pc', ...IDLE },
];

/** What the journey plays on: the page's storefronts, the operator's calls, the frames it steers. */
export interface JourneyStage {
  shops: Record<Channel, Storefront>;
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Plays the shopper paying at the development provider (README, "Paying in development"). */
  completePayment(payUrl: string): Promise<void>;
  /** Loads `path` in the channel's frame afresh (it reads the session again). */
  show(channel: Channel, path: string): void;
  report(id: StepId, patch: Partial<JourneyStep>): void;
  now(): number;
}

/** Resolves with the time from `since` until `view` shows what `shows` accepts. */
const shownAfter = <T>(view: LiveView<T>, shows: (value: T) => boolean, since: number, stage: JourneyStage) =>
  new Promise<number>((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`not shown within ${SHOWN_WITHIN_MS / 1000} s`));
    }, SHOWN_WITHIN_MS);
    const check = (value: T) => {
      if (!shows(value)) return;
      clearTimeout(timer);
      stop();
      resolve(Math.round(stage.now() - since));
    };
    stop = view.subscribe(check);
    check(view.get());
  });

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs one step: running, then done with its latency and note, or failed with the reason (and stops). */
const step = async (stage: JourneyStage, id: StepId, run: () => Promise<{ latencyMs: number; note: string }>) => {
  stage.report(id, { status: 'running', latencyMs: null, note: null });
  try {
    stage.report(id, { status: 'done', ...(await run()) });
  } catch (error) {
    stage.report(id, { status: 'failed', note: reason(error) });
    throw error;
  }
};

const couponFor = (coupons: ClaimableCoupon[], spend: number) =>
  coupons.find((c) => c.channels.includes('app') && c.minSpend <= spend && c.remaining > 0);

/** Plays the four steps in order; a failed step stops the journey (the rest stay pending). */
export const playJourney = async (stage: JourneyStage): Promise<void> => {
  const { mini, h5, app, pc } = stage.shops;
  for (const s of JOURNEY_STEPS) stage.report(s.id, IDLE);
  let couponId = 0;
  let orderId = '';

  await step(stage, 'cart', async () => {
    for (const shop of [mini, h5, app, pc]) {
      await shop.ready;
      await shop.auth.requestCode(EMMA.phone);
      await shop.auth.loginWithPhone(EMMA.phone, EMMA.code);
    }
    for (const channel of ['pc', 'h5', 'app'] as const) stage.show(channel, pathsOf(channel).home);
    stage.show('mini', pathsOf('mini').product(TEE.productId));
    const had = mini.cart.get().find((l) => l.skuId === TEE.skuId)?.qty ?? 0;
    const since = stage.now();
    mini.cart.add(TEE.skuId, 1);
    mini.cart.select(TEE.skuId, true);
    const latencyMs = await shownAfter(
      h5.cart,
      (lines) => lines.some((l) => l.skuId === TEE.skuId && l.qty > had),
      since,
      stage,
    );
    stage.show('h5', pathsOf('h5').cart);
    return { latencyMs, note: `T-shirt in the cart (×${had + 1})` };
  });

  await step(stage, 'coupon', async () => {
    let coupon = couponFor(await h5.coupons.claimable(), TEE.price);
    if (!coupon) {
      const now = Date.now();
      await stage.admin('POST', '/api/admin/coupons', {
        title: 'Emma · ¥10 off',
        kind: 'amount',
        value: 1000,
        startsAt: now - 60_000,
        endsAt: now + 7 * 86_400_000,
        totalQuantity: 1000,
      });
      coupon = couponFor(await h5.coupons.claimable(), TEE.price);
    }
    if (!coupon) throw new Error('no coupon to claim on H5');
    const since = stage.now();
    const { claimId } = await h5.coupons.claim(coupon.id);
    couponId = coupon.id;
    const latencyMs = await shownAfter(app.coupons, (c) => c.some((x) => x.claimId === String(claimId)), since, stage);
    stage.show('app', pathsOf('app').me);
    return { latencyMs, note: `${coupon.title}, claimed` };
  });

  await step(stage, 'pay', async () => {
    await shownAfter(app.cart, (lines) => lines.some((l) => l.skuId === TEE.skuId), stage.now(), stage);
    const order = await app.checkout({ couponId, delivery: { kind: 'express', address: EMMA_ADDRESS } });
    orderId = order.id;
    const { payment } = await app.pay(order.id, 'provider');
    if (!payment?.payUrl) throw new Error('the payment came back without a payUrl');
    const since = stage.now();
    await stage.completePayment(payment.payUrl);
    const latencyMs = await shownAfter(
      pc.orders,
      (orders) => orders.some((o) => o.orderId === orderId && o.status === 'paid'),
      since,
      stage,
    );
    stage.show('app', pathsOf('app').order(orderId));
    return { latencyMs, note: `order ${orderId} paid` };
  });

  await step(stage, 'track', async () => {
    const waybill = `SF${Date.now()}`;
    const since = stage.now();
    await stage.admin('POST', `/api/admin/orders/${orderId}/ship`, { deliveryId: 'SF', waybillId: waybill });
    const latencyMs = await shownAfter(
      pc.orders,
      (orders) => orders.some((o) => o.orderId === orderId && o.shipments.some((s) => s.waybill === waybill)),
      since,
      stage,
    );
    stage.show('pc', pathsOf('pc').order(orderId));
    return { latencyMs, note: `shipped, waybill ${waybill}` };
  });
};
