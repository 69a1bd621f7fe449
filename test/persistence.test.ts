import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { skus } from '../schema';
import { SKU_MAP } from '../shared/docs/sku';
import { catalogRoomOf } from '../workers/catalog/CatalogRoom';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import { DocStore } from '../workers/platform/room/docStore';
import { database } from '../workers/records/db';
import { moveClock } from './support/clock';
import { refuseSkuWriteThrough } from './support/d1Faults';
import { admin, firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';
import { rpcFailure } from './support/rpcFailure';

describe('durability', () => {
  it('keeps a SKU room state across a restart of its object', async () => {
    const sku = await firstSku();
    const edited = await patchSku(sku.skuId, { price: 1999, stock: 5 });
    await evictDurableObject(skuRoomOf(env, sku.skuId), { webSockets: 'close' });

    expect(await (await admin('GET', `/api/skus/${sku.skuId}`)).json()).toEqual(edited);
    const client = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    expect(client.doc.getMap(SKU_MAP).toJSON()).toEqual(edited);
  });

  it('keeps sockets through hibernation and goes on broadcasting and measuring', async () => {
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const a = await RoomClient.connect(room, 'pc');
    const b = await RoomClient.connect(room, 'h5');

    await evictDurableObject(skuRoomOf(env, sku.skuId), { webSockets: 'hibernate' });

    const edited = await patchSku(sku.skuId, { price: 3131 });
    await a.until(() => a.doc.getMap(SKU_MAP).get('price') === 3131, 'a gets the edit after wake');
    await b.until(() => b.doc.getMap(SKU_MAP).get('price') === 3131, 'b gets the edit after wake');
    // The channel and join time a socket carries through hibernation still make its ack a sample.
    b.setAwareness({ channel: 'h5', seen: { room, rev: edited.rev } });
    await b.flush();
    const stats = await skuRoomOf(env, sku.skuId).latencyByChannel();
    expect(stats.h5).toMatchObject({ connected: 1, samples: 1 });
    expect(stats.pc).toMatchObject({ connected: 1, samples: 0 });
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
    expect(await stub.current()).toEqual(sku);
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

describe('write-through outbox', () => {
  it('retries a change that never reached D1 and the catalog when the alarm fires', async () => {
    const sku = await firstSku();
    const stub = skuRoomOf(env, sku.skuId);
    // The hub runs a minute ahead, so the room's alarm (set by the hub's time) waits for the test to ring it.
    moveClock(60_000);
    // D1 refuses the write-through: the edit is the room's (rev 2) and its line stays in the outbox.
    const restoreD1 = await refuseSkuWriteThrough(sku.skuId);
    expect(String(await rpcFailure(stub.edit({ price: 5151 })))).toContain('D1 unavailable');
    expect((await database(env.DB).query.skus.findFirst({ where: eq(skus.id, sku.skuId) }))?.rev).toBe(1);
    await restoreD1();

    expect(await runDurableObjectAlarm(stub)).toBe(true);

    expect(await database(env.DB).query.skus.findFirst({ where: eq(skus.id, sku.skuId) })).toMatchObject({
      price: 5151,
      rev: 2,
    });
    expect((await catalogRoomOf(env).entries())[sku.skuId]).toMatchObject({ price: 5151, rev: 2 });
    expect(await stub.audit()).toMatchObject({ pendingSince: null });
  });
});
