import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { balanceLedger, orders, pointsLedger } from '../schema';
import { ASSETS_MAP, COUPONS_MAP } from '../shared/docs/account';
import { database } from '../workers/records/db';
import { accountClient, adjust, createCoupon } from './support/account';
import { admin } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';

const db = database(env.DB);
const claim = (couponId: number, token: string) => shopper('POST', `/api/coupons/${couponId}/claim`, undefined, token);

describe('points and balance', () => {
  it('moves points and balance through the ledgers, mirrored in the account room in the same request', async () => {
    const member = await phoneLogin(freshPhone(), 'app');
    const account = await accountClient(member, 'app');
    const orderId = `ord_${crypto.randomUUID().slice(0, 8)}`;
    const at = Date.now();
    const order = { memberId: member.memberId, status: 'paid', channel: 'app', total: 1, payable: 1 } as const;
    await db.insert(orders).values({ id: orderId, ...order, createdAt: at, updatedAt: at });
    const unknownOrder = await adjust(member.memberId, 'points', { delta: 1, reason: 'x', orderId: 'ord_nope' });
    expect(await unknownOrder.json()).toMatchObject({ error: { code: 'not_found', field: 'orderId' } });
    const response = await adjust(member.memberId, 'points', { delta: 120, reason: 'goodwill', orderId });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ points: 120, balance: 0 });
    await account.until(() => account.doc.getMap(ASSETS_MAP).get('points') === 120, 'points on the app');

    expect((await adjust(member.memberId, 'balance', { delta: 3000, reason: 'top-up' })).status).toBe(200);
    expect((await adjust(member.memberId, 'balance', { delta: -1000, reason: 'refund reversal' })).status).toBe(200);
    await account.until(() => account.doc.getMap(ASSETS_MAP).get('balance') === 2000, 'balance on the app');
    const rows = await db.select().from(balanceLedger).where(eq(balanceLedger.memberId, member.memberId));
    expect(rows.map((r) => [r.delta, r.reason, r.operator])).toEqual([
      [3000, 'top-up', 'admin'],
      [-1000, 'refund reversal', 'admin'],
    ]);
    const [points] = await db.select().from(pointsLedger).where(eq(pointsLedger.memberId, member.memberId));
    expect(points).toMatchObject({ delta: 120, reason: 'goodwill', orderId, operator: 'admin' });
  });

  it('never lets the balance or points go below zero', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    await adjust(member.memberId, 'balance', { delta: 500, reason: 'top-up' });
    const overdraw = await adjust(member.memberId, 'balance', { delta: -501, reason: 'spend' });
    expect(overdraw.status).toBe(409);
    expect(await overdraw.json()).toMatchObject({ error: { code: 'insufficient_balance', field: 'delta' } });
    expect((await adjust(member.memberId, 'points', { delta: -1, reason: 'spend' })).status).toBe(409);
    const rows = await db.select().from(balanceLedger).where(eq(balanceLedger.memberId, member.memberId));
    expect(rows.map((r) => r.delta)).toEqual([500]);
  });

  it('raises the tier at its threshold and accrues points by the tier multiplier', async () => {
    const tierId = `t${crypto.randomUUID().slice(0, 8)}`;
    const defined = await admin('POST', '/api/admin/tiers', {
      id: tierId,
      title: 'Silver',
      minPoints: 1_000_000,
      pointsPercent: 150,
    });
    expect(defined.status).toBe(201);
    const member = await phoneLogin(freshPhone(), 'mini');
    const account = await accountClient(member, 'mini');
    expect(await (await adjust(member.memberId, 'points', { delta: 999_999, reason: 'x' })).json()).toMatchObject({
      tier: 'regular',
    });
    await adjust(member.memberId, 'points', { delta: 1, reason: 'x' });
    await account.until(() => account.doc.getMap(ASSETS_MAP).get('tier') === tierId, 'tier on the account');
    const accrued = await adjust(member.memberId, 'points', { delta: 100, reason: 'order paid', byTier: true });
    expect(await accrued.json()).toMatchObject({ points: 1_000_150, tier: tierId });
  });

  it('sets member tags, seen in the account room', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const account = await accountClient(member, 'h5');
    const response = await admin('PUT', `/api/admin/members/${member.memberId}/tags`, { tags: ['vip', 'b2b'] });
    expect(response.status).toBe(200);
    await account.until(
      () => JSON.stringify(account.doc.getMap(ASSETS_MAP).get('tags')) === '["vip","b2b"]',
      'tags on the account',
    );
  });

  it('answers 401 without the admin token, 404 for an unknown member and 400 naming the field', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const path = `/api/admin/members/${member.memberId}/points`;
    expect((await admin('POST', path, { delta: 5, reason: 'x' }, {})).status).toBe(401);
    expect(
      (await admin('POST', path, { delta: 5, reason: 'x' }, { Authorization: `Bearer ${member.token}` })).status,
    ).toBe(401);
    expect((await adjust('mem_nobody', 'points', { delta: 5, reason: 'x' })).status).toBe(404);
    for (const [body, field] of [
      [{ delta: 1.5, reason: 'x' }, 'delta'],
      [{ delta: 0, reason: 'x' }, 'delta'],
      [{ delta: 5 }, 'reason'],
      [{ delta: 5, reason: 'x', operator: 'me' }, 'operator'],
    ] as const) {
      const response = await adjust(member.memberId, 'balance', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
  });
});

describe('coupons', () => {
  it('is claimed on one channel and listed in the account room on the others', async () => {
    const coupon = await createCoupon({ kind: 'percent', value: 15, minSpend: 5000 });
    const phone = freshPhone();
    const onH5 = await phoneLogin(phone, 'h5');
    const onApp = await phoneLogin(phone, 'app');
    const app = await accountClient(onApp, 'app');
    const response = await claim(coupon.id, onH5.token);
    expect(response.status).toBe(201);
    const coupons = app.doc.getMap(COUPONS_MAP);
    await app.until(() => coupons.size === 1, 'coupon on the app');
    expect([...coupons.values()][0]).toMatchObject({
      couponId: coupon.id,
      kind: 'percent',
      value: 15,
      minSpend: 5000,
      channels: ['pc', 'h5', 'mini', 'app'],
      status: 'claimed',
      claimedChannel: 'h5',
    });
  });

  it('refuses claims beyond the per-member limit, when sold out, outside its validity and for unknown coupons', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    const limited = await createCoupon({ perMemberLimit: 2, channels: ['pc'] });
    expect((await claim(limited.id, member.token)).status).toBe(201);
    expect((await claim(limited.id, member.token)).status).toBe(201);
    const third = await claim(limited.id, member.token);
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ error: { code: 'claim_limit_reached' } });

    const single = await createCoupon({ totalQuantity: 1 });
    expect((await claim(single.id, member.token)).status).toBe(201);
    const other = await phoneLogin(freshPhone(), 'pc');
    expect(await (await claim(single.id, other.token)).json()).toMatchObject({ error: { code: 'sold_out' } });

    const later = await createCoupon({ startsAt: Date.now() + 3_600_000, endsAt: Date.now() + 7_200_000 });
    expect(await (await claim(later.id, member.token)).json()).toMatchObject({ error: { code: 'coupon_not_active' } });
    expect((await claim(999_999, member.token)).status).toBe(404);
    const badId = await shopper('POST', '/api/coupons/abc/claim', undefined, member.token);
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { field: 'couponId' } });
    expect((await shopper('POST', `/api/coupons/${single.id}/claim`)).status).toBe(401);
  });

  it.each([
    [{ kind: 'percent', value: 120 }, 'value'],
    [{ endsAt: 1 }, 'endsAt'],
    [{ channels: ['tv'] }, 'channels.0'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses a coupon definition with %j, naming %s', async (overrides, field) => {
    const response = await admin('POST', '/api/admin/coupons', {
      title: 'bad',
      kind: 'amount',
      value: 100,
      startsAt: 10,
      endsAt: 20,
      totalQuantity: 5,
      ...overrides,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field } });
  });
});
