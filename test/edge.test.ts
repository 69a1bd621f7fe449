import { env, SELF } from 'cloudflare:test';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberIdentities, members, phoneCodes, products, skus } from '../schema';
import { database } from '../workers/records/db';
import { ADMIN, admin, firstSku } from './support/hub';
import { freshPhone, shopper } from './support/members';

const db = database(env.DB);
const rows = async (table: typeof members | typeof memberIdentities | typeof products | typeof phoneCodes) =>
  (await db.select({ n: count() }).from(table))[0]?.n;
const skuRow = async (skuId: string) => db.query.skus.findFirst({ where: eq(skus.id, skuId) });

/** A request with exactly these headers and this raw body. */
const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
  SELF.fetch(`http://hub${path}`, { method, headers, body });

describe('authorization schemes', () => {
  it('answers 401 in the error shape to a non-Bearer header on admin routes, and changes nothing', async () => {
    const sku = await firstSku();
    for (const authorization of ['Basic YWRtaW46eA==', 'Token dev-admin-token', 'Bearer']) {
      const response = await admin(
        'PATCH',
        `/api/admin/skus/${sku.skuId}`,
        { price: 1 },
        { Authorization: authorization },
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(await skuRow(sku.skuId)).toMatchObject({ price: sku.price, rev: 1 });
  });

  it('answers 401 in the error shape to a non-Bearer header on member routes', async () => {
    const response = await shopper('GET', '/api/members/me', undefined, undefined, { Authorization: 'Basic eDp5' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});

describe('content type', () => {
  it.each([
    ['no Content-Type', {}],
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ])('answers 415 to a JSON body sent with %s, and stores nothing', async (_, contentType) => {
    const sku = await firstSku();
    const before = await rows(products);
    const body = JSON.stringify({ title: 'Mug', skus: [{ title: 'Blue', price: 100, stock: 1 }] });
    const created = await raw('POST', '/api/admin/products', { ...ADMIN, ...contentType }, body);
    expect(created.status).toBe(415);
    expect(await created.json()).toEqual({ error: { code: 'unsupported_media_type', message: expect.any(String) } });
    const patched = await raw('PATCH', `/api/admin/skus/${sku.skuId}`, { ...ADMIN, ...contentType }, '{"price":1}');
    expect(patched.status).toBe(415);
    expect(await rows(products)).toBe(before);
    expect(await skuRow(sku.skuId)).toMatchObject({ price: sku.price, rev: 1 });
  });

  it('answers 415 on member routes too, before any code is sent', async () => {
    const before = await rows(phoneCodes);
    const body = JSON.stringify({ channel: 'h5', phone: freshPhone() });
    const response = await raw('POST', '/api/auth/phone/code', { 'Content-Type': 'text/plain' }, body);
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(await rows(phoneCodes)).toBe(before);
  });

  it('takes JSON with a charset or a +json type, and a bare POST where the route takes no body', async () => {
    const sku = await firstSku();
    const headers = { ...ADMIN, 'Content-Type': 'application/json; charset=utf-8' };
    expect((await raw('PATCH', `/api/admin/skus/${sku.skuId}`, headers, '{"price":5}')).status).toBe(200);
    const merge = { ...ADMIN, 'Content-Type': 'application/merge-patch+json' };
    expect((await raw('PATCH', `/api/admin/skus/${sku.skuId}`, merge, '{"price":6}')).status).toBe(200);
    expect((await raw('POST', '/api/admin/socket-tickets', ADMIN)).status).toBe(201);
  });

  it('leaves a missing body with no Content-Type to the schema', async () => {
    const response = await raw('POST', '/api/auth/guest', {});
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field: 'channel' } });
  });
});

describe('unpaired surrogates', () => {
  it.each([
    ['/api/auth/wechat', '{"channel":"mini","code":"wx\\ud800"}', 'code'],
    ['/api/auth/wechat', '{"channel":"mini","code":"\\udfff"}', 'code'],
    ['/api/auth/phone/code', '{"channel":"h5","phone":"+8613900000000\\ud83d"}', 'phone'],
  ])('POST %s with %s answers 400 naming %s and stores nothing', async (path, body, field) => {
    const before = [await rows(members), await rows(memberIdentities), await rows(phoneCodes)];
    const response = await raw('POST', path, { 'Content-Type': 'application/json' }, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_input', message: expect.any(String), field } });
    expect([await rows(members), await rows(memberIdentities), await rows(phoneCodes)]).toEqual(before);
  });

  it('names a nested field on admin routes and creates nothing', async () => {
    const before = await rows(products);
    const body = '{"title":"Mug","skus":[{"title":"Blue \\ud800","price":100,"stock":1}]}';
    const response = await raw('POST', '/api/admin/products', { ...ADMIN, 'Content-Type': 'application/json' }, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field: 'skus.0.title' } });
    expect(await rows(products)).toBe(before);
  });

  it('keeps well-formed text outside the BMP (a surrogate pair)', async () => {
    const body = JSON.stringify({ title: 'Mug 🍵', skus: [{ title: 'Blue', price: 100, stock: 1 }] });
    const response = await raw('POST', '/api/admin/products', { ...ADMIN, 'Content-Type': 'application/json' }, body);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ title: 'Mug 🍵' });
  });
});
