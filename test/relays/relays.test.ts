import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_MAP, type CatalogEntry, SKU_MAP } from '../../shared/docs/sku';
import { PERMISSION_DENIED } from '../../shared/protocol/messages';
import { CATALOG_ROOM, parseRoom, skuRoom } from '../../shared/rooms';
import { catalogRoomOf } from '../../workers/catalog/CatalogRoom';
import { skuRoomOf } from '../../workers/catalog/SkuRoom';
import { relayName } from '../../workers/platform/room/relayPlacement';
import { admin, firstSku, patchSku } from '../support/hub';
import { monitorClient, untilChannel } from '../support/monitor';
import { RoomClient } from '../support/roomClient';

// This suite runs with RELAY_THRESHOLD = 2 (the `relays` project in vitest.config.ts): the owner holds two
// subscribers of a room, and each relay shard two more.
const THRESHOLD = 2;

const open: RoomClient[] = [];
const rooms = new Set<string>();

/** Everyone connected to `room` now, on its owner and its relays. */
const connectedTo = async (room: string): Promise<number> => {
  const skuId = parseRoom(room)?.id;
  const stats = skuId
    ? await skuRoomOf(env, skuId).latencyByChannel()
    : await catalogRoomOf(env).latencyByChannel(room);
  return Object.values(stats).reduce((sum, channel) => sum + channel.connected, 0);
};

/** Resolves once `check` holds, asking again every 20 ms; rejects after 5 s. */
const eventually = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await scheduler.wait(20);
  }
};

// Each test leaves once its relays have told their owners, so no report is cut off half-way.
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  for (const room of rooms) await eventually(async () => (await connectedTo(room)) === 0, `${room} to empty`);
  rooms.clear();
});

/** `count` subscribers of `room`, connected one after another, so each is placed knowing the last. */
const subscribe = async (room: string, count: number, channel = 'h5'): Promise<RoomClient[]> => {
  const clients: RoomClient[] = [];
  for (let i = 0; i < count; i++) clients.push(await RoomClient.connect(room, channel));
  open.push(...clients);
  rooms.add(room);
  return clients;
};

/** Every `rev` a subscriber's SKU document takes, in the order it takes them. */
const revsOf = (client: RoomClient): number[] => {
  const map = client.doc.getMap(SKU_MAP);
  const revs: number[] = [];
  map.observe((event) => {
    if (event.keysChanged.has('rev')) revs.push(map.get('rev') as number);
  });
  return revs;
};

/** The open sockets of the owner of `room` and of its relay shards 0 … shards - 1. */
const socketsPerObject = async (owner: DurableObjectStub, room: string, shards: number): Promise<number[]> => {
  const count = (_: unknown, state: DurableObjectState) => state.getWebSockets().length;
  const relays = Array.from({ length: shards }, (_, k) => env.CATALOG_RELAY.getByName(relayName(room, k)));
  return Promise.all([runInDurableObject(owner, count), ...relays.map((relay) => runInDurableObject(relay, count))]);
};

describe('relays of a crowded read-only room', () => {
  it('spreads subscribers over relay shards; each gets every edit of a burst once and in order', async () => {
    const sku = await firstSku();
    const room = skuRoom(sku.skuId);
    const clients = await subscribe(room, 4 * THRESHOLD);
    expect(await socketsPerObject(skuRoomOf(env, sku.skuId), room, 4)).toEqual([2, 2, 2, 2, 0]);

    const seen = clients.map(revsOf);
    const edits = 20;
    // Sent all at once: the room orders them, and every subscriber must see that order.
    await Promise.all(Array.from({ length: edits }, (_, i) => patchSku(sku.skuId, { stock: 100 + i })));
    const last = sku.rev + edits;
    await Promise.all(clients.map((c) => c.until(() => c.doc.getMap(SKU_MAP).get('rev') === last, `rev ${last}`)));

    const every = Array.from({ length: edits }, (_, i) => sku.rev + 1 + i);
    for (const revs of seen) expect(revs).toEqual(every);
    const final = await skuRoomOf(env, sku.skuId).current();
    for (const client of clients) {
      expect(client.doc.getMap(SKU_MAP).toJSON()).toEqual(final);
      expect(client.denials).toEqual([]);
    }
  });

  it('syncs a late joiner on a new shard to the full state', async () => {
    const sku = await firstSku();
    const room = skuRoom(sku.skuId);
    await subscribe(room, 3 * THRESHOLD);
    const edited = await patchSku(sku.skuId, { price: 4321, stock: 7 });
    const [late] = await subscribe(room, 1);
    expect(await socketsPerObject(skuRoomOf(env, sku.skuId), room, 3)).toEqual([2, 2, 2, 1]);
    expect(late?.doc.getMap(SKU_MAP).toJSON()).toEqual(edited);
  });

  it('refuses a write through a relay as the owner does, and the writer reads on', async () => {
    const sku = await firstSku();
    const room = skuRoom(sku.skuId);
    const [onOwner, , onRelay, bystander] = await subscribe(room, 4);
    if (!onOwner || !onRelay || !bystander) throw new Error('four subscribers expected');

    for (const writer of [onOwner, onRelay]) {
      writer.doc.getMap(SKU_MAP).set('price', 1);
      await writer.until(() => writer.denials.length > 0, 'permission-denied');
      expect(writer.denials).toEqual([PERMISSION_DENIED]);
    }
    expect(await (await admin('GET', `/api/skus/${sku.skuId}`)).json()).toEqual(sku);
    expect(bystander.doc.getMap(SKU_MAP).get('price')).toBe(sku.price);

    await patchSku(sku.skuId, { stock: 3 });
    await onRelay.until(() => onRelay.doc.getMap(SKU_MAP).get('stock') === 3, 'stock 3 on the relayed writer');
    expect(onRelay.closed).toBeNull();
  });

  it('counts relayed subscribers and their acknowledgements on the monitor, and forgets an emptied shard', async () => {
    const monitor = await monitorClient();
    open.push(monitor);
    const sku = await firstSku();
    const room = skuRoom(sku.skuId);
    const clients = await subscribe(room, 3 * THRESHOLD, 'mini');
    await untilChannel(monitor, 'mini', (e) => e.connected === 6, '6 connected');
    expect((await skuRoomOf(env, sku.skuId).latencyByChannel()).mini.connected).toBe(6);

    // Shard 1's two subscribers leave: the owner stops pushing to it, the rest still hear edits.
    for (const client of clients.slice(4)) client.close();
    await untilChannel(monitor, 'mini', (e) => e.connected === 4, '4 connected');
    const edited = await patchSku(sku.skuId, { stock: 42 });
    const staying = clients.slice(0, 4);
    await Promise.all(staying.map((c) => c.until(() => c.doc.getMap(SKU_MAP).get('rev') === edited.rev, 'the edit')));
    // A relayed subscriber acknowledges the edit: the owner measures it as one of its own.
    staying[3]?.setAwareness({ channel: 'mini', seen: { room, rev: edited.rev } });
    await untilChannel(monitor, 'mini', (e) => e.samples >= 1 && e.lastMs !== null, 'the relayed acknowledgement');
    expect((await skuRoomOf(env, sku.skuId).latencyByChannel()).mini.samples).toBe(1);
    // The next subscriber fills the emptied shard again.
    const [next] = await subscribe(room, 1, 'mini');
    expect(next?.doc.getMap(SKU_MAP).get('stock')).toBe(42);
    expect(await socketsPerObject(skuRoomOf(env, sku.skuId), room, 2)).toEqual([2, 2, 1]);
    await untilChannel(monitor, 'mini', (e) => e.connected === 5, '5 connected');
  });

  it('loses and repeats nothing when the owner or a relay restarts between edits', async () => {
    const sku = await firstSku();
    const room = skuRoom(sku.skuId);
    const clients = await subscribe(room, 3 * THRESHOLD);
    const seen = clients.map(revsOf);
    const expected: number[] = [];
    const edit = async (stock: number) => {
      const next = await patchSku(sku.skuId, { stock });
      expected.push(next.rev);
      await Promise.all(clients.map((c) => c.until(() => c.doc.getMap(SKU_MAP).get('rev') === next.rev, 'the edit')));
    };

    await edit(1);
    await evictDurableObject(skuRoomOf(env, sku.skuId), { webSockets: 'hibernate' });
    await edit(2);
    await evictDurableObject(env.CATALOG_RELAY.getByName(relayName(room, 0)), { webSockets: 'hibernate' });
    await edit(3);
    await edit(4);
    for (const revs of seen) expect(revs).toEqual(expected);
  });

  it('relays the catalog too', async () => {
    const clients = await subscribe(CATALOG_ROOM, 2 * THRESHOLD + 1, 'pc');
    expect(await socketsPerObject(catalogRoomOf(env), CATALOG_ROOM, 2)).toEqual([2, 2, 1]);
    const sku = await firstSku();
    const edited = await patchSku(sku.skuId, { price: 999 });
    const entryOf = (c: RoomClient) => c.doc.getMap<CatalogEntry>(CATALOG_MAP).get(sku.skuId);
    await Promise.all(clients.map((c) => c.until(() => entryOf(c)?.rev === edited.rev, 'the catalog entry')));
    for (const client of clients) expect(entryOf(client)?.price).toBe(999);
  });
});
