import { describe, expect, it } from 'vitest';
import { COUPONS_MAP } from '../shared/docs/account';
import type { AdminCoupon } from '../workers/members/records/couponAdminRecords';
import { accountClient, claimCoupon, createCoupon } from './support/account';
import { admin, adminRead, expectBadInput, firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { placeOrder } from './support/orders';
import { readAllPages } from './support/paging';

const HOUR = 3_600_000;

const coupon = async (id: number) => adminRead<AdminCoupon>(`/api/admin/coupons/${id}`);
const edit = (id: number, patch: unknown) => admin('PATCH', `/api/admin/coupons/${id}`, patch);
const editRefused = async (id: number, patch: unknown, field: string) => {
  const response = await edit(id, patch);
  expect({ patch, status: response.status }).toEqual({ patch, status: 409 });
  expect(await response.json()).toMatchObject({
    error: { code: 'coupon_claimed', field, message: expect.any(String) },
  });
};

describe("the back office's coupons", () => {
  it('lists every coupon newest first with how many were claimed and how many are left, page by page', async () => {
    const made: Array<{ id: number }> = [];
    for (let i = 0; i < 4; i += 1) made.push(await createCoupon({ title: `Batch ${i}`, totalQuantity: 5 }));
    const [, , second, newest] = made;
    if (!second || !newest) throw new Error('no coupons');
    for (const phone of [freshPhone(), freshPhone()]) {
      expect((await claimCoupon(second.id, (await phoneLogin(phone, 'pc')).token)).status).toBe(201);
    }
    const { rows } = await readAllPages<AdminCoupon>('/api/admin/coupons', 'coupons', 2);
    expect(new Set(rows.map((c) => c.id)).size).toBe(rows.length);
    const ours = rows.filter((c) => made.some((m) => m.id === c.id));
    expect(ours.map((c) => c.id)).toEqual(made.map((m) => m.id).reverse());
    expect(ours.find((c) => c.id === second.id)).toMatchObject({ claimed: 2, remaining: 3, status: 'active' });
    expect(ours.find((c) => c.id === newest.id)).toMatchObject({ title: 'Batch 3', claimed: 0, remaining: 5 });
  });

  it("edits what takes nothing from members holding the coupon, and a holder's account shows the coupon as edited", async () => {
    const made = await createCoupon({
      title: 'Spring',
      endsAt: Date.now() + HOUR,
      channels: ['app'],
      totalQuantity: 3,
    });
    const holder = await phoneLogin(freshPhone(), 'app');
    expect((await claimCoupon(made.id, holder.token)).status).toBe(201);
    const account = await accountClient(holder, 'app');
    const endsAt = Date.now() + 2 * HOUR;
    const response = await edit(made.id, {
      title: 'Spring, extended',
      endsAt,
      channels: ['app', 'mini'],
      totalQuantity: 10,
      perMemberLimit: 3,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: 'Spring, extended', endsAt, claimed: 1, remaining: 9 });
    expect(await coupon(made.id)).toMatchObject({ channels: ['app', 'mini'], perMemberLimit: 3 });
    const shown = () => [...account.doc.getMap<{ couponId: number; title: string }>(COUPONS_MAP).values()];
    await account.until(() => shown().some((c) => c.title === 'Spring, extended'), 'the new title in the account');
    expect(shown().find((c) => c.couponId === made.id)).toMatchObject({ endsAt, channels: ['app', 'mini'] });
  });

  it('refuses with 409 and the reason an edit that would take from members holding the coupon', async () => {
    const startsAt = Date.now() - HOUR;
    const endsAt = Date.now() + HOUR;
    const made = await createCoupon({ startsAt, endsAt, channels: ['pc', 'h5'], totalQuantity: 4, minSpend: 100 });
    const before = await coupon(made.id);
    const phone = freshPhone();
    expect((await claimCoupon(made.id, (await phoneLogin(phone, 'pc')).token)).status).toBe(201);
    expect((await claimCoupon(made.id, (await phoneLogin(freshPhone(), 'h5')).token)).status).toBe(201);
    await editRefused(made.id, { value: 500 }, 'value');
    await editRefused(made.id, { kind: 'percent', value: 10 }, 'kind');
    await editRefused(made.id, { minSpend: 200 }, 'minSpend');
    await editRefused(made.id, { endsAt: endsAt - 1 }, 'endsAt');
    await editRefused(made.id, { startsAt: startsAt + 1 }, 'startsAt');
    await editRefused(made.id, { channels: ['pc'] }, 'channels');
    await editRefused(made.id, { totalQuantity: 1 }, 'totalQuantity');
    expect(await coupon(made.id)).toEqual({ ...before, claimed: 2, claimedQuantity: 2, remaining: 2 });
    // The same edits are fine while nobody holds the coupon.
    const unclaimed = await createCoupon({ startsAt, endsAt, channels: ['pc', 'h5'] });
    const changed = await edit(unclaimed.id, { value: 500, endsAt: endsAt - 1, channels: ['pc'], totalQuantity: 1 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ value: 500, endsAt: endsAt - 1, channels: ['pc'], totalQuantity: 1 });
  });

  it('refuses an edit that makes no sense (400 naming the field) and an unknown coupon (404)', async () => {
    const made = await createCoupon({ startsAt: Date.now(), endsAt: Date.now() + HOUR });
    const path = `/api/admin/coupons/${made.id}`;
    for (const [patch, field] of [
      [{ endsAt: Date.now() - HOUR }, 'endsAt'],
      [{ startsAt: Date.now() + 2 * HOUR }, 'endsAt'],
      [{ kind: 'percent' }, 'value'],
      [{ channels: [] }, 'channels'],
      [{ channels: ['tv'] }, 'channels.0'],
      [{ totalQuantity: 0 }, 'totalQuantity'],
      [{ title: ' ' }, 'title'],
      [{ colour: 'red' }, 'colour'],
      [{}, '(body)'],
    ] as const) {
      await expectBadInput(path, field, 'PATCH', patch);
    }
    await expectBadInput('/api/admin/coupons/abc', 'couponId', 'PATCH', { title: 'x' });
    await expectBadInput('/api/admin/coupons?cursor=zz', 'cursor');
    for (const [method, path, body] of [
      ['PATCH', '/api/admin/coupons/999999', { title: 'x' }],
      ['POST', '/api/admin/coupons/999999/disable', undefined],
      ['GET', '/api/admin/coupons/999999', undefined],
    ] as const) {
      const response = await admin(method, path, body);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', field: 'couponId' } });
    }
  });

  it('disables a coupon: nobody claims it any more (409), and coupons already claimed still pay until they end', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { price: 5000 });
    const made = await createCoupon({ value: 1000 });
    const holder = await phoneLogin(freshPhone(), 'h5');
    expect((await claimCoupon(made.id, holder.token)).status).toBe(201);

    const disabled = await admin('POST', `/api/admin/coupons/${made.id}/disable`);
    expect(disabled.status).toBe(200);
    const { disabledAt } = await disabled.json<AdminCoupon>();
    expect(await coupon(made.id)).toMatchObject({ status: 'disabled', disabledAt: expect.any(Number), claimed: 1 });
    const again = await admin('POST', `/api/admin/coupons/${made.id}/disable`);
    expect(await again.json()).toMatchObject({ status: 'disabled', disabledAt });

    const latecomer = await phoneLogin(freshPhone(), 'h5');
    const refused = await claimCoupon(made.id, latecomer.token);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'coupon_disabled', field: 'couponId' } });
    expect((await claimCoupon(made.id, holder.token)).status).toBe(409);
    expect(await coupon(made.id)).toMatchObject({ claimed: 1, remaining: 99 });

    const order = await placeOrder(holder.token, { items: [{ skuId: sku.skuId, qty: 1 }], couponId: made.id });
    expect(order.status).toBe(201);
    expect(await order.json()).toMatchObject({ total: 5000, discount: 1000, payable: 4000, couponId: made.id });
  });
});
