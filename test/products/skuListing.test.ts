import { describe, expect, it } from 'vitest';
import { CATALOG_MAP, type CatalogEntry, SKU_MAP } from '../../shared/docs/sku';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { createSale } from '../support/flashSales';
import { admin, adminRead, patchSku } from '../support/hub';
import { freshPhone, phoneLogin } from '../support/members';
import { placeOrder, skuState } from '../support/orders';
import { productPriced, shopperGet } from '../support/products';
import { RoomClient } from '../support/roomClient';

const MINUTE = 60_000;

const skuIdsOf = (product: OperatorProduct): string[] => product.skus.map((s) => s.skuId);

/** The answer is a 409 with `code`, naming `field`. */
const expectConflict = async (response: Response, code: string, field: string) => {
  expect(response.status).toBe(409);
  expect(await response.json()).toMatchObject({ error: { code, field } });
};

/** An order of one unit of `skuId` from a new shopper on the mini-program. */
const orderOne = async (skuId: string) =>
  placeOrder((await phoneLogin(freshPhone(), 'mini')).token, { items: [{ skuId, qty: 1 }] });

const catalogListing = async () => {
  const client = await RoomClient.connect('catalog', 'pc');
  const entry = (skuId: string) => client.doc.getMap<CatalogEntry>(CATALOG_MAP).get(skuId);
  const listed = (skuIds: string[]) => skuIds.map((id) => entry(id)?.listed);
  return { client, entry, listed };
};

describe('a SKU of a product shoppers cannot see', () => {
  it.each(['draft', 'warehouse'] as const)(
    'cannot be listed on its own while the product is %s, by any operator path; the SKU stays as it was',
    async (status) => {
      const product = await productPriced(`Kettle ${status}`, [500, 600], { status });
      const [kettle, other] = skuIdsOf(product);
      if (!kettle || !other) throw new Error('no SKUs');
      const listing = await catalogListing();
      const page = await RoomClient.connect(`sku:${kettle}`, 'h5');
      const before = await skuState(kettle);
      const otherBefore = await skuState(other);

      await expectConflict(
        await admin('PATCH', `/api/admin/skus/${kettle}`, { listed: true, price: 1 }),
        'product_not_listed',
        'listed',
      );
      await expectConflict(
        await admin('POST', '/api/admin/skus/batch', {
          edits: [
            { skuId: other, price: 2 },
            { skuId: kettle, listed: true },
          ],
        }),
        'product_not_listed',
        'edits.1.listed',
      );
      const skusPath = `/api/admin/products/${product.productId}/skus`;
      await expectConflict(
        await admin('PATCH', `${skusPath}/${kettle}`, { title: 'Steel', listed: true }),
        'product_not_listed',
        'listed',
      );
      await expectConflict(
        await admin('POST', skusPath, { title: 'Glass', price: 700, stock: 1, listed: true }),
        'product_not_listed',
        'listed',
      );

      expect(await skuState(kettle)).toEqual(before);
      expect(await skuState(other)).toEqual(otherBefore);
      expect(listing.entry(kettle)).toMatchObject({ listed: false, price: 500, rev: before.rev });
      expect(page.doc.getMap(SKU_MAP).toJSON()).toMatchObject({ listed: false, title: before.title });
      expect(skuIdsOf(await adminRead<OperatorProduct>(`/api/admin/products/${product.productId}`))).toEqual([
        kettle,
        other,
      ]);
      expect(await (await orderOne(kettle)).json()).toMatchObject({ error: { code: 'sku_unlisted' } });
      listing.client.close();
      page.close();
    },
  );

  it('goes off sale live when its product goes to the warehouse, and back to its own listing when listed again', async () => {
    const product = await productPriced('Teapot', [800, 900, 1000]);
    const [pot, delisted, delistedInWarehouse] = skuIdsOf(product);
    if (!pot || !delisted || !delistedInWarehouse) throw new Error('no SKUs');
    await patchSku(delisted, { listed: false });
    const listing = await catalogListing();
    const page = await RoomClient.connect(`sku:${pot}`, 'app');
    const onPage = () => page.doc.getMap(SKU_MAP).get('listed');
    const path = `/api/admin/products/${product.productId}`;
    const all = [pot, delisted, delistedInWarehouse];

    expect((await admin('PATCH', path, { status: 'warehouse' })).status).toBe(200);
    await page.until(() => onPage() === false, 'the SKU page off sale');
    // The catalog sends the first change at once and merges the ones right after it: wait for all three.
    await listing.client.until(() => all.every((id) => listing.entry(id)?.listed === false), 'the listing off sale');
    expect(listing.listed(all)).toEqual([false, false, false]);
    expect((await shopperGet(`/api/products/${product.productId}`)).status).toBe(404);
    expect(await (await orderOne(pot)).json()).toMatchObject({ error: { code: 'sku_unlisted' } });
    // Delisting one SKU of a product in the warehouse is the operator's own choice, kept for later.
    expect(await patchSku(delistedInWarehouse, { listed: false })).toMatchObject({ listed: false });

    expect((await admin('PATCH', path, { status: 'listed' })).status).toBe(200);
    await page.until(() => onPage() === true, 'the SKU page on sale again');
    await listing.client.until(() => listing.entry(pot)?.listed === true, 'the listing on sale again');
    expect(listing.listed(all)).toEqual([true, false, false]);
    const shown = await (await shopperGet(`/api/products/${product.productId}`)).json<OperatorProduct>();
    expect(shown.skus.map((s) => [s.skuId, s.listed])).toEqual([
      [pot, true],
      [delisted, false],
      [delistedInWarehouse, false],
    ]);
    expect((await orderOne(pot)).status).toBe(201);
    listing.client.close();
    page.close();
  });

  it('is added off sale to a product in the warehouse, and goes on sale with the product unless delisted', async () => {
    const product = await productPriced('Cup', [300], { status: 'warehouse' });
    const skusPath = `/api/admin/products/${product.productId}/skus`;
    const added = await admin('POST', skusPath, { title: 'Large', price: 400, stock: 2 });
    expect(added.status).toBe(201);
    const large = await added.json<{ skuId: string; listed: boolean }>();
    expect(large.listed).toBe(false);
    const held = await (await admin('POST', skusPath, { title: 'Small', price: 200, stock: 2, listed: false })).json<{
      skuId: string;
    }>();
    const listing = await catalogListing();

    expect((await admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'listed' })).status).toBe(200);
    const onSale = [...skuIdsOf(product), large.skuId];
    await listing.client.until(() => onSale.every((id) => listing.entry(id)?.listed === true), 'the SKUs on sale');
    expect(listing.listed([...onSale, held.skuId])).toEqual([true, true, false]);
    listing.client.close();
  });

  it('stays off sale through a flash sale on it while its product is in the warehouse', async () => {
    const product = await productPriced('Pan', [1500], { status: 'warehouse' });
    const [pan] = skuIdsOf(product);
    if (!pan) throw new Error('no SKU');
    const listing = await catalogListing();
    const sale = await createSale({
      name: '清仓',
      skuIds: [pan],
      price: 990,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 10 * MINUTE,
      channels: 'all',
    });
    await listing.client.until(() => listing.entry(pan)?.flash?.saleId === sale.id, 'the sale in the listing');
    expect(listing.entry(pan)).toMatchObject({ listed: false, flash: { name: '清仓', price: 990 } });
    expect(await (await orderOne(pan)).json()).toMatchObject({ error: { code: 'sku_unlisted' } });

    expect((await admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'listed' })).status).toBe(200);
    await listing.client.until(() => listing.entry(pan)?.listed === true, 'the SKU on sale');
    expect(listing.entry(pan)).toMatchObject({ flash: { saleId: sale.id, price: 990 } });
    listing.client.close();
  });

  it('answers 400 naming the field for a listing that is not a boolean, and 404 for an unknown SKU', async () => {
    const product = await productPriced('Lid', [100], { status: 'draft' });
    const [lid] = skuIdsOf(product);
    const bad = await admin('PATCH', `/api/admin/skus/${lid}`, { listed: 'yes' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'listed' } });
    const unknown = await admin('PATCH', '/api/admin/skus/sku_nope', { listed: true });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'skuId' } });
    const unknownInBatch = await admin('POST', '/api/admin/skus/batch', {
      edits: [
        { skuId: lid, listed: true },
        { skuId: 'sku_nope', listed: true },
      ],
    });
    expect(unknownInBatch.status).toBe(404);
    expect(await unknownInBatch.json()).toMatchObject({ error: { field: 'edits.1.skuId' } });
  });
});

describe('a SKU removed from its product', () => {
  it('cannot be listed again, by the SKU patch', async () => {
    const product = await productPriced('Tray', [100, 200]);
    const [removed] = skuIdsOf(product);
    if (!removed) throw new Error('no SKU');
    expect((await admin('DELETE', `/api/admin/products/${product.productId}/skus/${removed}`)).status).toBe(200);
    const listing = await catalogListing();
    const before = await skuState(removed);
    await expectConflict(await admin('PATCH', `/api/admin/skus/${removed}`, { listed: true }), 'sku_removed', 'listed');
    expect(await skuState(removed)).toEqual(before);
    expect(listing.entry(removed)).toMatchObject({ listed: false, rev: before.rev });
    listing.client.close();
  });
});
