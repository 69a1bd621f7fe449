import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SKU_MAP } from '../shared/docs/sku';
import { DocStore } from '../workers/objects/room/docStore';
import { skuRoomOf } from '../workers/objects/SkuRoom';
import { admin, firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';

describe('durability', () => {
  it('keeps a SKU room state across a restart of its object', async () => {
    const sku = await firstSku();
    const edited = await patchSku(sku.skuId, { price: 1999, stock: 5 });
    await evictDurableObject(skuRoomOf(env, sku.skuId), { webSockets: 'close' });

    expect(await (await admin('GET', `/api/skus/${sku.skuId}`)).json()).toEqual(edited);
    const client = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    expect(client.doc.getMap(SKU_MAP).toJSON()).toEqual(edited);
  });

  it('keeps sockets and awareness through hibernation and goes on broadcasting', async () => {
    const sku = await firstSku();
    const a = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    const b = await RoomClient.connect(`sku:${sku.skuId}`, 'h5');
    a.setAwareness({ channel: 'pc', page: 'detail' });
    await b.until(() => b.awareness.getStates().get(a.doc.clientID)?.page === 'detail', 'a seen by b');

    await evictDurableObject(skuRoomOf(env, sku.skuId), { webSockets: 'hibernate' });

    await patchSku(sku.skuId, { price: 3131 });
    await a.until(() => a.doc.getMap(SKU_MAP).get('price') === 3131, 'a gets the edit after wake');
    await b.until(() => b.doc.getMap(SKU_MAP).get('price') === 3131, 'b gets the edit after wake');
    // A newcomer after the wake learns the awareness that was rebuilt from attachments.
    const c = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    await c.until(() => c.awareness.getStates().get(a.doc.clientID)?.page === 'detail', 'a seen by c');
    a.close();
    await b.until(() => !b.awareness.getStates().has(a.doc.clientID), 'a removed after close');
  });

  it('rebuilds a SKU that its room has never held from the D1 record', async () => {
    const sku = await firstSku();
    const stub = skuRoomOf(env, sku.skuId);
    const logRows = () =>
      runInDurableObject(stub, (_, state) =>
        state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'ydoc_updates'").toArray().length > 0
          ? state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM ydoc_updates').one().n
          : 0,
      );
    expect(await logRows()).toBe(0);
    expect(await stub.current(sku.skuId)).toEqual(sku);
    // The rebuilt state is now the room's own, stored for the next restart.
    expect(await logRows()).toBeGreaterThan(0);
  });

  it('compacts the update log into a chunked snapshot that loads back whole', async () => {
    const sku = await firstSku();
    await runInDurableObject(skuRoomOf(env, sku.skuId), (_, state) => {
      const source = new Y.Doc();
      const store = new DocStore(state.storage, 'test:compaction');
      source.on('update', (update: Uint8Array) => store.append(update, source));
      const text = source.getText('t');
      // ~3 MB of text: the snapshot must be split to stay under the 2 MB value limit.
      for (let i = 0; i < 600; i++) text.insert(text.length, 'x'.repeat(5000));
      const chunks = state.storage.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM ydoc_snapshot_chunks WHERE room = 'test:compaction'")
        .one().n;
      expect(chunks).toBeGreaterThan(1);
      expect(store.pendingUpdates).toBeLessThan(600);

      const reloaded = new Y.Doc();
      new DocStore(state.storage, 'test:compaction').load(reloaded);
      expect(reloaded.getText('t').length).toBe(3_000_000);
    });
  });
});
