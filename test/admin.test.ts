import { env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { skus, syncEvents } from '../schema';
import { database } from '../workers/records/db';
import { admin, createProduct, firstSku, patchSku } from './support/hub';

const db = database(env.DB);
const d1Row = async (skuId: string) => db.query.skus.findFirst({ where: eq(skus.id, skuId) });

describe('admin API', () => {
  it('creates a product with SKUs, readable publicly and stored in D1', async () => {
    const created = await createProduct(3, 'Linen shirt');
    expect(created.skus).toHaveLength(3);
    const [sku] = created.skus;
    expect(sku).toMatchObject({
      productId: created.productId,
      price: 1000,
      stock: 10,
      listed: true,
      rev: 1,
      flash: null,
      sales: 0,
    });
    const response = await admin('GET', `/api/skus/${sku?.skuId}`, undefined, {});
    expect(response.status).toBe(200);
    // The admin answer adds what only the product keeps (the SKU's name, option values, picture).
    expect(sku).toMatchObject(await response.json<object>());
    expect(await d1Row(sku?.skuId ?? '')).toMatchObject({ price: 1000, stock: 10, listed: true, rev: 1 });
  });

  it('keeps D1 equal to the room after a series of edits, with a sync log line for each', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { price: 2500 });
    await patchSku(sku.skuId, { stock: 0, listed: false });
    const last = await patchSku(sku.skuId, { stock: 7 });
    expect(last).toMatchObject({ price: 2500, stock: 7, listed: false, rev: 4 });
    expect(await d1Row(sku.skuId)).toMatchObject({
      price: last.price,
      stock: last.stock,
      listed: last.listed,
      rev: last.rev,
      changedAt: last.changedAt,
    });
    const log = await db
      .select()
      .from(syncEvents)
      .where(and(eq(syncEvents.subject, `sku:${sku.skuId}`), eq(syncEvents.kind, 'sku.changed')));
    expect(log.map((e) => e.detail.rev)).toEqual([2, 3, 4]);
    expect(log[0]?.detail.changes).toEqual({ price: { from: sku.price, to: 2500 } });
  });

  it('applies a batch of edits to many SKUs in one call', async () => {
    const { skus: created } = await createProduct(3);
    const edits = created.map((s, i) => ({ skuId: s.skuId, price: 5000 + i }));
    const response = await admin('POST', '/api/admin/skus/batch', { edits });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { skus: Array<{ skuId: string; price: number; rev: number }> };
    expect(body.skus.map((s) => [s.skuId, s.price, s.rev])).toEqual(created.map((s, i) => [s.skuId, 5000 + i, 2]));
    for (const s of created) expect((await d1Row(s.skuId))?.rev).toBe(2);
  });

  it('refuses a batch naming an unknown SKU with 404 and changes nothing', async () => {
    const sku = await firstSku();
    const response = await admin('POST', '/api/admin/skus/batch', {
      edits: [
        { skuId: sku.skuId, price: 1 },
        { skuId: 'sku_nope', price: 2 },
      ],
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', field: 'edits.1.skuId' } });
    expect(await (await admin('GET', `/api/skus/${sku.skuId}`)).json()).toMatchObject({ price: sku.price, rev: 1 });
  });

  it('answers 401 without the admin token or with a wrong one, and changes nothing', async () => {
    const sku = await firstSku();
    const path = `/api/admin/skus/${sku.skuId}`;
    const missing = await admin('PATCH', path, { price: 1 }, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await admin('PATCH', path, { price: 1 }, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await admin('POST', '/api/admin/products', { title: 'x', skus: [] }, {})).status).toBe(401);
    expect(await d1Row(sku.skuId)).toMatchObject({ price: sku.price, rev: 1 });
  });

  it.each([
    ['a wrong type', { price: '12.50' }, 'price'],
    ['a fractional price', { price: 12.5 }, 'price'],
    ['a negative stock', { stock: -1 }, 'stock'],
    ['an unknown field', { price: 100, colour: 'red' }, 'colour'],
    ['nothing to change', {}, '(body)'],
  ])('answers 400 naming the field for %s', async (_, patch, field) => {
    const sku = await firstSku();
    const response = await admin('PATCH', `/api/admin/skus/${sku.skuId}`, patch);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    expect(await d1Row(sku.skuId)).toMatchObject({ price: sku.price, stock: sku.stock, rev: 1 });
  });

  it('answers 400 for malformed JSON and for a product with a bad SKU line', async () => {
    const sku = await firstSku();
    const malformed = await admin('PATCH', `/api/admin/skus/${sku.skuId}`, '{"price": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'bad_request' } });
    const badLine = await admin('POST', '/api/admin/products', { title: 'Mug', skus: [{ title: 'Blue', price: 100 }] });
    expect(badLine.status).toBe(400);
    expect(await badLine.json()).toMatchObject({ error: { field: 'skus.0.stock' } });
  });

  it('answers 404 for an unknown SKU on every SKU route', async () => {
    const patched = await admin('PATCH', '/api/admin/skus/sku_unknown', { price: 1 });
    expect(patched.status).toBe(404);
    expect(await patched.json()).toMatchObject({ error: { code: 'not_found', field: 'skuId' } });
    const delisted = await admin('PATCH', '/api/admin/skus/sku_unknown', { listed: false });
    expect(await delisted.json()).toMatchObject({ error: { code: 'not_found', field: 'skuId' } });
    expect((await admin('GET', '/api/skus/sku_unknown')).status).toBe(404);
    expect((await admin('GET', '/api/admin/skus/sku_unknown/sync')).status).toBe(404);
    expect(await d1Row('sku_unknown')).toBeUndefined();
  });
});
