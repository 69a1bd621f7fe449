import { describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/channels';
import { COUPONS_MAP } from '../../shared/docs/account';
import { CART_MAP, type CartLine, FAVORITES_MAP } from '../../shared/docs/member';
import { claimCoupon, createCoupon, phoneLogin, type Session } from './support/hubApi';
import { MemberDevice } from './support/memberDevice';
import { useWranglerDev } from './support/wranglerDev';

/** Seeded, listed demo SKUs (schema/seed.sql). */
const TEE_M = 'sku_demo_tee_m';
const TEE_S = 'sku_demo_tee_s';
const TEE_L = 'sku_demo_tee_l';
const FORMULA = 'sku_demo_formula';

const dev = useWranglerDev<MemberDevice>();

const device = (room: string, channel: Channel, session: Session): MemberDevice =>
  dev.track(new MemberDevice(dev.hub, room, channel, session.token));

const line = (qty: number, channel: Channel): CartLine => ({ qty, addedAt: Date.now(), channel, selected: true });

describe("Emma's cross-channel journey, stock y-websocket clients against wrangler dev", () => {
  it('carries cart, favorites and a claimed coupon across the four channels, and merges offline edits', async () => {
    const phone = `+8613${String(Date.now()).slice(-9)}`;
    const sessions = {
      mini: await phoneLogin(dev.hub, phone, 'mini'),
      h5: await phoneLogin(dev.hub, phone, 'h5'),
      pc: await phoneLogin(dev.hub, phone, 'pc'),
      app: await phoneLogin(dev.hub, phone, 'app'),
    };
    const memberId = sessions.mini.memberId;
    for (const s of Object.values(sessions)) expect(s.memberId).toBe(memberId);
    const member = `member:${memberId}`;

    const mini = device(member, 'mini', sessions.mini);
    const h5 = device(member, 'h5', sessions.h5);
    const pc = device(member, 'pc', sessions.pc);
    const app = device(member, 'app', sessions.app);
    const account = device(`account:${memberId}`, 'app', sessions.app);
    await Promise.all([mini, h5, pc, app, account].map((d) => d.synced()));

    // Browse and add to cart on the mini-program; the cart is on H5.
    mini.map(CART_MAP).set(TEE_M, line(1, 'mini'));
    await h5.shows(() => (h5.map<CartLine>(CART_MAP).get(TEE_M)?.qty ?? 0) === 1, 'the mini cart line');

    // Favorite on PC; it is in the App.
    pc.map(FAVORITES_MAP).set(FORMULA, { addedAt: Date.now(), channel: 'pc' });
    await app.shows(() => app.map(FAVORITES_MAP).has(FORMULA), 'the PC favorite');

    // Claim a coupon on H5; it is listed in the App's account room.
    const coupon = await createCoupon(dev.hub, 'Emma 10 off', 1000);
    await claimCoupon(dev.hub, sessions.h5.token, coupon.id);
    await account.shows(
      () => [...account.map<{ couponId: number }>(COUPONS_MAP).values()].some((c) => c.couponId === coupon.id),
      'the coupon claimed on H5',
    );

    // H5 goes offline; both channels edit the cart; H5 comes back and both converge.
    h5.goOffline();
    h5.map(CART_MAP).set(TEE_L, line(1, 'h5'));
    h5.map<CartLine>(CART_MAP).set(TEE_M, { ...line(4, 'h5') });
    mini.map(CART_MAP).set(TEE_S, line(2, 'mini'));
    await app.shows(() => app.map(CART_MAP).has(TEE_S), 'the online mini edit');
    expect(app.map(CART_MAP).has(TEE_L)).toBe(false);
    h5.goOnline();
    const converged = (d: MemberDevice) => [TEE_M, TEE_S, TEE_L].every((sku) => d.map(CART_MAP).has(sku));
    await Promise.all([mini, h5, app].map((d) => d.shows(() => converged(d), 'all three cart lines', 10_000)));
    expect(h5.map(CART_MAP).toJSON()).toEqual(mini.map(CART_MAP).toJSON());
    expect(mini.map<CartLine>(CART_MAP).get(TEE_M)?.qty).toBe(4);
    for (const d of dev.opened) expect(d.denials).toEqual([]);
  });
});
