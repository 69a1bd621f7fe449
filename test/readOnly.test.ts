import { describe, expect, it } from 'vitest';
import { CATALOG_MAP, SKU_MAP } from '../shared/docs/sku';
import { PERMISSION_DENIED } from '../shared/protocol/messages';
import { admin, firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';

describe('read-only rooms', () => {
  it('refuses a client write with permission-denied, applies nothing, keeps the socket open', async () => {
    const sku = await firstSku();
    const writer = await RoomClient.connect(`sku:${sku.skuId}`, 'h5');
    const bystander = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');

    writer.doc.getMap(SKU_MAP).set('price', 1);
    await writer.until(() => writer.denials.length > 0, 'permission-denied');
    expect(writer.denials).toEqual([PERMISSION_DENIED]);

    const stored = await (await admin('GET', `/api/skus/${sku.skuId}`)).json();
    expect(stored).toEqual(sku);
    expect(bystander.doc.getMap(SKU_MAP).get('price')).toBe(sku.price);

    // Still subscribed: the next server change reaches the refused client too.
    await patchSku(sku.skuId, { stock: 3 });
    await writer.until(() => writer.doc.getMap(SKU_MAP).get('stock') === 3, 'stock 3 on writer');
    await bystander.until(() => bystander.doc.getMap(SKU_MAP).get('rev') === 2, 'rev 2 on bystander');
    expect(writer.closed).toBeNull();
    expect(bystander.doc.getMap(SKU_MAP).get('price')).toBe(sku.price);
  });

  it('refuses writes to the catalog too', async () => {
    const sku = await firstSku();
    const client = await RoomClient.connect('catalog', 'mini');
    client.doc.getMap(CATALOG_MAP).set(sku.skuId, { price: 0, stock: 999, listed: true, flash: null, rev: 99 });
    await client.until(() => client.denials.length > 0, 'permission-denied');
    const fresh = await RoomClient.connect('catalog', 'app');
    expect(fresh.doc.getMap(CATALOG_MAP).get(sku.skuId)).toMatchObject({ price: sku.price, rev: 1 });
  });

  it('accepts the step 2 answer of a client that has nothing new, without a refusal', async () => {
    const sku = await firstSku();
    await patchSku(sku.skuId, { price: 777 });
    // Connecting syncs both ways: the client's step 2 carries the room's own deletions back.
    const client = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    await patchSku(sku.skuId, { price: 778 });
    await client.until(() => client.doc.getMap(SKU_MAP).get('price') === 778, 'price 778');
    expect(client.denials).toEqual([]);
  });
});
