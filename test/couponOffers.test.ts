import { describe, expect, it } from 'vitest';
import type { ClaimableCoupon } from '../shared/api/coupons';
import { COUPONS_MAP } from '../shared/docs/account';
import { accountClient, claimCoupon, createCoupon } from './support/account';
import { admin } from './support/hub';
import { freshPhone, guestLogin, phoneLogin, shopper } from './support/members';

const HOUR = 3_600_000;

/** The coupons the storefront offers the caller, of those in `ids`. */
const offered = async (token: string, ids: number[]) => {
  const response = await shopper('GET', '/api/coupons', undefined, token);
  expect(response.status).toBe(200);
  const { coupons } = await response.json<{ coupons: ClaimableCoupon[] }>();
  return coupons.filter((c) => ids.includes(c.id));
};

describe("the storefront's coupon list", () => {
  it("offers what the caller can claim on the token's channel: in time, not withdrawn, with stock, under the limit", async () => {
    const now = Date.now();
    const onMini = await createCoupon({ title: 'Mini only', channels: ['mini'], endsAt: now + HOUR });
    const everywhere = await createCoupon({ title: 'Everywhere', perMemberLimit: 2, endsAt: now + 2 * HOUR });
    const webOnly = await createCoupon({ channels: ['pc', 'h5'] });
    const over = await createCoupon({ startsAt: now - 2 * HOUR, endsAt: now - HOUR });
    const later = await createCoupon({ startsAt: now + HOUR, endsAt: now + 2 * HOUR });
    const withdrawn = await createCoupon();
    expect((await admin('POST', `/api/admin/coupons/${withdrawn.id}/disable`)).status).toBe(200);
    const lastOne = await createCoupon({ totalQuantity: 1 });
    expect((await claimCoupon(lastOne.id, (await phoneLogin(freshPhone(), 'mini')).token)).status).toBe(201);
    const oncePerMember = await createCoupon({ perMemberLimit: 1 });
    const ids = [onMini, everywhere, webOnly, over, later, withdrawn, lastOne, oncePerMember].map((c) => c.id);

    const phone = freshPhone();
    const mini = await phoneLogin(phone, 'mini');
    expect((await claimCoupon(oncePerMember.id, mini.token)).status).toBe(201);
    expect((await claimCoupon(everywhere.id, mini.token)).status).toBe(201);
    expect(await offered(mini.token, ids)).toEqual([
      expect.objectContaining({
        id: onMini.id,
        title: 'Mini only',
        channels: ['mini'],
        remaining: 100,
        claimedByMe: 0,
      }),
      expect.objectContaining({ id: everywhere.id, perMemberLimit: 2, remaining: 99, claimedByMe: 1 }),
    ]);
    const h5 = await phoneLogin(phone, 'h5');
    expect((await offered(h5.token, ids)).map((c) => c.id)).toEqual([everywhere.id, webOnly.id]);
    const guest = await guestLogin('pc');
    expect((await offered(guest.token, ids)).map((c) => c.id)).toEqual([everywhere.id, webOnly.id, oncePerMember.id]);
    expect((await shopper('GET', '/api/coupons')).status).toBe(401);
  });

  it('refuses a claim on a channel the coupon is not offered on (409), and nothing is claimed', async () => {
    const made = await createCoupon({ title: 'App exclusive', channels: ['app'], totalQuantity: 5 });
    const phone = freshPhone();
    const onPc = await phoneLogin(phone, 'pc');
    const account = await accountClient(onPc, 'pc');
    const refused = await claimCoupon(made.id, onPc.token);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'coupon_channel', field: 'couponId' } });
    const onApp = await phoneLogin(phone, 'app');
    expect(await offered(onApp.token, [made.id])).toMatchObject([{ remaining: 5, claimedByMe: 0 }]);

    expect((await claimCoupon(made.id, onApp.token)).status).toBe(201);
    await account.until(() => account.doc.getMap(COUPONS_MAP).size === 1, 'the claim made on the App, seen on PC');
    expect([...account.doc.getMap(COUPONS_MAP).values()]).toMatchObject([{ couponId: made.id, claimedChannel: 'app' }]);
  });
});
