import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, admin, firstSku, patchSku } from '../support/hub';
import { asStaff, createStaffAccount, HUB_ORIGIN, signedIn, staffLogin } from '../support/staff';

const FOREIGN = 'https://evil.example';
let cookie: string;

beforeAll(async () => {
  cookie = await signedIn(await createStaffAccount('operator'));
});

/** The SKU's price as shoppers see it. */
const priceOf = async (skuId: string) =>
  (await (await admin('GET', `/api/skus/${skuId}`, undefined, {})).json<{ price: number }>()).price;

describe('writes with the staff cookie from another site', () => {
  it('are refused with 403 and change nothing', async () => {
    const sku = await firstSku();
    const response = await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1 }, FOREIGN);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: expect.stringContaining('origin') } },
    });
    expect(await priceOf(sku.skuId)).toBe(sku.price);
  });

  it('are refused without an Origin too, since a browser always sends one with a write', async () => {
    const sku = await firstSku();
    const response = await admin('PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1 }, { Cookie: cookie });
    expect(response.status).toBe(403);
    expect(await priceOf(sku.skuId)).toBe(sku.price);
  });

  it("go through from the back office on the hub's own origin", async () => {
    const sku = await firstSku();
    const response = await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 4321 }, HUB_ORIGIN);
    expect(response.status).toBe(200);
    expect(await priceOf(sku.skuId)).toBe(4321);
  });

  it('leave reads alone: a cookie read from anywhere answers (SameSite=Strict keeps other sites from sending it)', async () => {
    expect((await asStaff(cookie, 'GET', '/api/admin/orders', undefined, FOREIGN)).status).toBe(200);
  });

  it('refuse a sign-in posted from another site, setting no cookie', async () => {
    const account = await createStaffAccount('viewer');
    const response = await staffLogin(account.login, account.password, FOREIGN);
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('scripts with the API key', () => {
  it('need no Origin, and a foreign one does not matter', async () => {
    const sku = await firstSku();
    expect((await patchSku(sku.skuId, { price: 2222 })).price).toBe(2222);
    const foreign = await admin(
      'PATCH',
      `/api/admin/skus/${sku.skuId}`,
      { price: 3333 },
      { ...ADMIN, Origin: FOREIGN },
    );
    expect(foreign.status).toBe(200);
    expect(await priceOf(sku.skuId)).toBe(3333);
  });
});
