import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { CATALOG_MAP, SKU_MAP } from '../shared/docs/sku';
import { firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';

const upgrade = (path: string, headers: Record<string, string> = { Upgrade: 'websocket' }) =>
  SELF.fetch(`http://hub${path}`, { headers });

describe('subscribing to rooms', () => {
  it('syncs a SKU room and the catalog on connect', async () => {
    const sku = await firstSku();
    const skuClient = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    expect(skuClient.doc.getMap(SKU_MAP).toJSON()).toEqual(sku);

    const catalog = await RoomClient.connect('catalog', 'h5');
    expect(catalog.doc.getMap(CATALOG_MAP).get(sku.skuId)).toEqual({
      price: sku.price,
      stock: sku.stock,
      listed: sku.listed,
      flash: null,
      sales: 0,
      rev: 1,
    });
  });

  it('brings one admin edit to a subscriber on every channel, and to the catalog', async () => {
    const sku = await firstSku();
    const clients = await Promise.all(CHANNELS.map((c) => RoomClient.connect(`sku:${sku.skuId}`, c)));
    const catalog = await RoomClient.connect('catalog', 'app');

    const edited = await patchSku(sku.skuId, { price: 4321, listed: false });
    expect(edited).toMatchObject({ price: 4321, listed: false, stock: sku.stock, rev: 2 });

    await Promise.all(
      clients.map((client) => client.until(() => client.doc.getMap(SKU_MAP).get('rev') === 2, 'rev 2')),
    );
    for (const client of clients) expect(client.doc.getMap(SKU_MAP).toJSON()).toEqual(edited);
    await catalog.until(
      () => (catalog.doc.getMap(CATALOG_MAP).get(sku.skuId) as { rev: number } | undefined)?.rev === 2,
      'catalog rev 2',
    );
    expect(catalog.doc.getMap(CATALOG_MAP).get(sku.skuId)).toMatchObject({ price: 4321, listed: false });
  });

  it('refuses a missing or unknown channel with 400 naming the field', async () => {
    const sku = await firstSku();
    for (const query of ['', '?channel=tv']) {
      const response = await upgrade(`/sync/sku:${sku.skuId}${query}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field: 'channel' } });
    }
  });

  it('answers 404 for unknown SKUs and room names, 426 without an upgrade', async () => {
    expect((await upgrade('/sync/sku:sku_missing?channel=pc')).status).toBe(404);
    expect((await upgrade('/sync/warehouse?channel=pc')).status).toBe(404);
    expect((await upgrade('/sync/sku:bad%20id?channel=pc')).status).toBe(404);
    const sku = await firstSku();
    expect((await upgrade(`/sync/sku:${sku.skuId}?channel=pc`, {})).status).toBe(426);
  });

  it('keeps presence private in a read-only room: never relayed to other subscribers', async () => {
    const sku = await firstSku();
    const a = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');
    const b = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    a.setAwareness({ channel: 'mini', viewing: true });
    await a.flush();
    // The room has handled a's state: had it relayed it, b would hear it before this edit.
    await patchSku(sku.skuId, { price: 2468 });
    await b.until(() => b.doc.getMap(SKU_MAP).get('price') === 2468, 'b gets the edit');
    expect(b.awarenessFrames).toBe(0);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
    // A newcomer is not told about earlier subscribers either.
    const c = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    expect(c.awarenessFrames).toBe(0);
  });
});
