import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Channel } from '../shared/channels';
import { CART_MAP, FAVORITES_MAP, HISTORY_ARRAY } from '../shared/docs/member';
import { PERMISSION_DENIED } from '../shared/protocol/messages';
import { createProduct, firstSku } from './support/hub';
import { MemberDevice, untilSameState } from './support/memberDevice';
import {
  type DevicesUnderTest,
  deviceCommands,
  REFUSED_ARRAY,
  REFUSED_MAP,
  settle,
} from './support/memberDeviceCommands';
import { freshPhone, guestLogin, phoneLogin } from './support/members';
import type { RoomClient } from './support/roomClient';

/** 400 in `npm test` (CI's time limit); `npm run test:properties` runs 1,000 (`PROPERTY_RUNS`). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

/** What a shopper sees of the member document. */
const contents = (doc: Y.Doc) => ({
  cart: doc.getMap(CART_MAP).toJSON(),
  favorites: doc.getMap(FAVORITES_MAP).toJSON(),
  history: doc.getArray(HISTORY_ARRAY).toJSON(),
});

const refusedContents = (doc: Y.Doc) => ({
  [REFUSED_MAP]: doc.getMap(REFUSED_MAP).toJSON(),
  [REFUSED_ARRAY]: doc.getArray(REFUSED_ARRAY).toJSON(),
});

/** The pure Yjs merge of what the devices wrote themselves, with no server change in it. */
const mergedEdits = (devices: readonly MemberDevice[]): Y.Doc => {
  const reference = new Y.Doc();
  for (const device of devices) for (const update of device.authoredEdits()) Y.applyUpdate(reference, update);
  return reference;
};

/** A guest's member room open on `count` devices, all online. */
const guestDevices = async (count: number) => {
  const guest = await guestLogin('h5');
  const room = `member:${guest.memberId}`;
  const devices = Array.from({ length: count }, () => new MemberDevice(room, 'h5', guest.token));
  await Promise.all(devices.map((device) => device.connect()));
  return devices;
};

describe('member room, edited on several devices going offline and back', () => {
  let skuIds: string[] = [];
  const steps = { count: 0 };
  let runs = 0;

  beforeAll(async () => {
    skuIds = (await createProduct(4, 'Property product')).skus.map((sku) => sku.skuId);
  });

  afterAll(() => {
    console.log(`member room properties: ${runs} runs, ${steps.count} steps`);
  });

  it('loses no allowed edit and keeps no refused write, on any device or in the room', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((count) => fc.tuple(fc.constant(count), deviceCommands(skuIds, count))),
        async ([count, commands]) => {
          runs += 1;
          const devices = await guestDevices(count);
          let stamp = 1_000;
          const real: DevicesUnderTest = { devices, stamp: () => stamp++, refusedWriters: new Set(), steps };
          let fresh: RoomClient | null = null;
          try {
            await fc.asyncModelRun(() => ({ model: { online: devices.map(() => true) }, real }), commands);
            await Promise.all(devices.filter((d) => !d.online).map((d) => d.connect()));
            await settle(devices);
            fresh = await (devices[0] as MemberDevice).openRoom();
            await untilSameState([fresh.doc, ...devices.map((d) => d.doc)], 'the room and every device to agree');
            const merged = contents(mergedEdits(devices));
            for (const doc of [fresh.doc, ...devices.map((d) => d.doc)]) {
              expect(contents(doc)).toEqual(merged);
              expect(refusedContents(doc)).toEqual({ [REFUSED_MAP]: {}, [REFUSED_ARRAY]: [] });
            }
            // Only a device that wrote a refused type is ever told permission-denied.
            expect(devices.filter((d) => !real.refusedWriters.has(d)).flatMap((d) => d.allDenials())).toEqual([]);
          } finally {
            for (const device of devices) if (device.online) device.disconnect();
            fresh?.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});

/** One phone member's devices, one per channel, all online. */
const phoneDevices = async (...channels: Channel[]) => {
  const phone = freshPhone();
  const devices: MemberDevice[] = [];
  for (const channel of channels) {
    const { memberId, token } = await phoneLogin(phone, channel);
    devices.push(new MemberDevice(`member:${memberId}`, channel, token));
  }
  await Promise.all(devices.map((device) => device.connect()));
  return devices;
};

const qtyOf = (doc: Y.Doc, skuId: string) => (doc.getMap(CART_MAP).get(skuId) as { qty: number } | undefined)?.qty;

describe('member room, after a refused write', () => {
  it('brings the next quantity change to the other channel, never losing the line, and takes the refused entry back on the writer', async () => {
    const { skuId } = await firstSku();
    const [app, mini] = (await phoneDevices('app', 'mini')) as [MemberDevice, MemberDevice];
    app.doc.getMap(CART_MAP).set(skuId, { qty: 1, addedAt: 1, channel: 'app', selected: true });
    await mini.until(() => qtyOf(mini.doc, skuId) === 1, 'the line on mini');
    let vanished = false;
    mini.doc.getMap(CART_MAP).observe(() => {
      vanished ||= !mini.doc.getMap(CART_MAP).has(skuId);
    });

    app.doc.getMap(REFUSED_MAP).set('order1', { status: 'paid' });
    app.doc.getMap(CART_MAP).set(skuId, { qty: 3, addedAt: 1, channel: 'app', selected: true });

    await mini.until(() => qtyOf(mini.doc, skuId) === 3, 'the new quantity on mini');
    await app.until(() => app.doc.getMap(REFUSED_MAP).size === 0, 'the refused entry gone on the writer');
    expect(vanished).toBe(false);
    expect(app.allDenials()).toContain(PERMISSION_DENIED);
    expect(mini.doc.getMap(REFUSED_MAP).size).toBe(0);
  });

  it('brings what a device edited offline after a refused write once it reconnects', async () => {
    const { skuId } = await firstSku();
    const [pc, h5] = (await phoneDevices('pc', 'h5')) as [MemberDevice, MemberDevice];
    pc.disconnect();
    pc.doc.getArray(REFUSED_ARRAY).push([{ couponId: 1 }]);
    pc.doc.getMap(CART_MAP).set(skuId, { qty: 2, addedAt: 1, channel: 'pc', selected: false });
    pc.doc.getMap(FAVORITES_MAP).set(skuId, { addedAt: 2, channel: 'pc' });
    pc.doc.getArray(HISTORY_ARRAY).push([{ skuId, at: 3, channel: 'pc' }]);
    await pc.connect();
    await settle([pc, h5]);

    const room = await h5.openRoom();
    for (const doc of [h5.doc, room.doc, pc.doc]) {
      expect(contents(doc)).toEqual({
        cart: { [skuId]: { qty: 2, addedAt: 1, channel: 'pc', selected: false } },
        favorites: { [skuId]: { addedAt: 2, channel: 'pc' } },
        history: [{ skuId, at: 3, channel: 'pc' }],
      });
      expect(doc.getArray(REFUSED_ARRAY).length).toBe(0);
    }
  });
});
