import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CART_MAP, HISTORY_ARRAY, MAX_MEMBER_DOC_BYTES, MAX_MEMBER_FRAME_BYTES } from '../shared/docs/member';
import { CLOSE_DOCUMENT_FULL, CLOSE_FRAME_TOO_LARGE } from '../shared/protocol/closeCodes';
import { createProduct, firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { RoomClient } from './support/roomClient';

const line = (qty: number) => ({ qty, addedAt: Date.now(), channel: 'app', selected: true });
const cartOf = (client: RoomClient) => client.doc.getMap<{ qty: number }>(CART_MAP);

/** One member's `member:` room open on two devices, and a way to open more. */
const twoDevices = async () => {
  const phone = freshPhone();
  const app = await phoneLogin(phone, 'app');
  const h5 = await phoneLogin(phone, 'h5');
  const room = `member:${app.memberId}`;
  return {
    app: await RoomClient.connect(room, 'app', app.token),
    h5: await RoomClient.connect(room, 'h5', h5.token),
    fresh: () => RoomClient.connect(room, 'h5', h5.token),
    reconnectApp: () => RoomClient.connect(room, 'app', app.token),
  };
};

describe('a refused write in a shared member room', () => {
  it('leaves the writer able to go on: its later edits reach every device and the line never vanishes', async () => {
    const sku = await firstSku();
    const { app, h5, fresh } = await twoDevices();
    cartOf(app).set(sku.skuId, line(1));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 1, 'the line on h5');
    let vanished = false;
    cartOf(h5).observe(() => {
      if (!cartOf(h5).has(sku.skuId)) vanished = true;
    });

    // A stock client writes a type it may not, in an update of its own, then edits the line.
    app.doc.getMap('coupons').set('free', { value: 100 });
    await app.until(() => app.denials.length === 1, 'permission-denied');
    cartOf(app).set(sku.skuId, line(2));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 2, 'the later quantity on h5');
    cartOf(app).set(sku.skuId, line(5));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 5, 'the one after on h5');

    expect(vanished).toBe(false);
    await app.until(() => app.doc.getMap('coupons').size === 0, 'the coupon undone on the writer');
    expect(h5.doc.getMap('coupons').size).toBe(0);
    const late = await fresh();
    expect(cartOf(late).get(sku.skuId)?.qty).toBe(5);
    expect(late.doc.getMap('coupons').size).toBe(0);
    expect(app.closed).toBeNull();
  });

  it('keeps the writer in step after it reconnects with a state that includes the refused write', async () => {
    const sku = await firstSku();
    const { app, h5, reconnectApp } = await twoDevices();
    app.doc.getArray('orders').push([{ id: 'forged' }]);
    await app.until(() => app.denials.length === 1, 'permission-denied');
    // Offline on the same doc: a new socket syncs the whole state, refused write included.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(app.doc));
    app.close();
    Y.transact(offline, () => offline.getMap(CART_MAP).set(sku.skuId, line(4)));
    const again = await reconnectApp();
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(offline));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 4, 'the offline edit on h5');
    expect(h5.doc.getArray('orders').length).toBe(0);
  });
});

describe('member document bounds', () => {
  it('serves no padding: lines padded under the frame bound reach other devices and newcomers bare', async () => {
    const { skus } = await createProduct(12);
    const { app, h5, fresh } = await twoDevices();
    const pad = 'x'.repeat(200_000);
    const before = h5.bytesReceived;
    for (const sku of skus) cartOf(app).set(sku.skuId, { ...line(1), pad } as never);
    await h5.until(() => cartOf(h5).size === 12, 'twelve lines on h5');
    expect(h5.bytesReceived - before).toBeLessThan(12 * 2_000);
    expect(Object.values(cartOf(h5).toJSON())).toEqual(skus.map(() => expect.not.objectContaining({ pad })));
    await app.until(() => !('pad' in (cartOf(app).toJSON()[skus[0]?.skuId ?? ''] ?? {})), 'padding gone on the writer');
    const late = await fresh();
    expect(cartOf(late).size).toBe(12);
    expect(late.bytesReceived).toBeLessThan(4_000);
  });

  it('drops content of the wrong shape before any other device or newcomer gets it', async () => {
    const sku = await firstSku();
    const { app, h5, fresh } = await twoDevices();
    const before = h5.bytesReceived;
    // The room's own types, written as the wrong kind: list items in the cart, keys in the history.
    const wrongKind = new Y.Doc();
    wrongKind.getArray(CART_MAP).push(Array.from({ length: 50 }, () => 'y'.repeat(4_000)));
    wrongKind.getMap(HISTORY_ARRAY).set('k', 'z'.repeat(50_000));
    Y.applyUpdate(app.doc, Y.encodeStateAsUpdate(wrongKind));
    cartOf(app).set(sku.skuId, line(1));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 1, 'the valid line on h5');
    expect(h5.bytesReceived - before).toBeLessThan(5_000);
    const late = await fresh();
    expect(late.bytesReceived).toBeLessThan(5_000);
    expect(app.denials).toEqual([]);
  });

  it('closes a socket whose frame is over the member bound, and only that one', async () => {
    const sku = await firstSku();
    const { app, h5 } = await twoDevices();
    cartOf(app).set(sku.skuId, { ...line(1), pad: 'x'.repeat(MAX_MEMBER_FRAME_BYTES) } as never);
    await app.until(() => app.closed !== null, 'the writer closed');
    expect(app.closed?.code).toBe(CLOSE_FRAME_TOO_LARGE);
    expect(h5.closed).toBeNull();
    expect(cartOf(h5).size).toBe(0);
  });

  it('refuses writes that would take the stored document past its byte bound, closing only the writer', async () => {
    const sku = await firstSku();
    const { app, h5, fresh } = await twoDevices();
    cartOf(app).set(sku.skuId, line(1));
    await h5.until(() => cartOf(h5).has(sku.skuId), 'a line before the flood');
    // Keys that are no SKU id are deleted, but a Yjs map keeps every deleted key: the document grows.
    let batch = 0;
    while (app.closed === null && batch < 40) {
      batch += 1;
      app.doc.transact(() => {
        for (let i = 0; i < 2_000; i++) cartOf(app).set(`${'!'.repeat(50)}${batch}-${i}`, line(1));
      });
      await app.flush().catch(() => undefined);
    }
    expect(app.closed?.code).toBe(CLOSE_DOCUMENT_FULL);
    expect(h5.closed).toBeNull();
    const late = await fresh();
    expect(late.bytesReceived).toBeLessThan(MAX_MEMBER_DOC_BYTES + MAX_MEMBER_FRAME_BYTES);
    expect([...cartOf(late).keys()]).toEqual([sku.skuId]);
    expect([...cartOf(h5).keys()]).toEqual([sku.skuId]);
  });
});
