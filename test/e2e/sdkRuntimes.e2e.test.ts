import { describe, expect, it } from 'vitest';
import type { Storefront } from '../../sdk/src/index';
import { memberRoom } from '../../shared/rooms';
import { createSku, patchSku } from './support/hubApi';
import { MAX_SOCKET_TASKS } from './support/miniProgramShim';
import {
  type MiniProgramDevice,
  miniProgramDevice,
  type RuntimeDevice,
  reactNativeDevice,
} from './support/runtimeDevices';
import { freshPhone, LIVE_WITHIN_MS, logInByPhone, nodeStorefront, online, until } from './support/sdkShopper';
import { waitFor, waitForEvent } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

// Each runtime's SDK entry runs bundled in a realm holding only what that runtime has (no
// `window`, `crypto`, `WebSocket` or `fetch` on a mini-program), against a real `wrangler dev`.
const dev = useWranglerDev<{ destroy(): void }>();

/** The most sockets a storefront may need on a mini-program (README.md, "Rooms": of the five it allows). */
const STOREFRONT_SOCKETS = 3;

const started = async <D extends RuntimeDevice>(device: D): Promise<D> => {
  dev.track(device);
  await device.shop.ready;
  return device;
};

/** The same shopper on a PC, on the SDK's Node runtime. */
const pcStorefront = async (phone: string): Promise<Storefront> => {
  const pc = await nodeStorefront(dev.hub.httpUrl, 'pc');
  dev.track({ destroy: () => pc.close() });
  await logInByPhone(pc, phone);
  return pc;
};

const hasLine = (skuId: string, qty: number) => (lines: Array<{ skuId: string; qty: number }>) =>
  lines.some((l) => l.skuId === skuId && l.qty === qty);

/** A socket task opened by other code in the app (the shim answers `wx` calls with a task). */
const otherSocket = (device: MiniProgramDevice, fail: (error: { errMsg: string }) => void = () => {}) => {
  const task = device.api.connectSocket({ url: `${dev.hub.syncUrl}/catalog?channel=mini`, fail });
  if (task instanceof Promise) throw new Error('wx.connectSocket answered without a task');
  return task;
};

const RUNTIMES = [
  { runtime: 'a WeChat mini-program', start: () => miniProgramDevice('wx', dev.hub.httpUrl) },
  { runtime: 'uni-app', start: () => miniProgramDevice('uni', dev.hub.httpUrl) },
  { runtime: 'React Native', start: () => reactNativeDevice(dev.hub.httpUrl) },
];

describe.each(RUNTIMES)('a storefront on $runtime', ({ start }) => {
  it('starts as a guest, logs in by phone, and shows cart edits and a price change live, on at most 3 sockets', async () => {
    const sku = await createSku(dev.hub, '运行时 帆布袋', 5900, 40);
    const device = await started(await start());
    expect(device.shop.auth.session.get()?.role).toBe('guest');

    const phone = freshPhone();
    const session = await logInByPhone(device.shop, phone);
    expect(session.role).toBe('member');
    const pc = await pcStorefront(phone);

    device.shop.cart.add(sku.skuId, 2);
    await until(pc.cart, hasLine(sku.skuId, 2), 'the cart line on the PC');
    pc.cart.setQty(sku.skuId, 5);
    await until(device.shop.cart, hasLine(sku.skuId, 5), "the PC's quantity on the device");

    const listing = await device.shop.catalog.list({ limit: 20, sort: 'newest' });
    const shown = () => listing.get().products.find((p) => p.productId === sku.productId);
    expect(shown()?.price).toEqual({ min: 5900, max: 5900 });
    await patchSku(dev.hub, sku.skuId, { price: 4900 });
    await until(listing, () => shown()?.price?.min === 4900, 'the new price on the listing');

    expect(device.sockets).toBe(2);
    expect(device.peakSockets).toBeLessThanOrEqual(STOREFRONT_SOCKETS);
  });
});

describe('a storefront on a WeChat mini-program', () => {
  it('closes its sockets when the app hides, keeps what the shopper edits meanwhile, and sends it once shown', async () => {
    const sku = await createSku(dev.hub, '运行时 保温杯', 9900, 40);
    const device = await started(await miniProgramDevice('wx', dev.hub.httpUrl));
    const phone = freshPhone();
    await logInByPhone(device.shop, phone);
    const pc = await pcStorefront(phone);
    await online(device.shop, 'member');

    device.shim.hide();
    await waitFor(() => device.sockets === 0, LIVE_WITHIN_MS, 'the sockets to close on hide');
    device.shop.cart.add(sku.skuId, 3);
    expect(device.shop.cart.get()).toEqual([expect.objectContaining({ skuId: sku.skuId, qty: 3 })]);

    device.shim.show();
    await until(pc.cart, hasLine(sku.skuId, 3), 'the edit made while hidden, on the PC');
    expect(device.shop.online().member).toBe(true);
  });

  it('keeps the shopper logged in across a restart, with the cart as the device stored it', async () => {
    const sku = await createSku(dev.hub, '运行时 台灯', 12_900, 40);
    const storage = new Map<string, unknown>();
    const before = await started(await miniProgramDevice('wx', dev.hub.httpUrl, storage));
    const session = await logInByPhone(before.shop, freshPhone());
    const stored = `mallsync.doc.${memberRoom(session.memberId)}`;
    const storedBefore = storage.get(stored);
    before.shop.cart.add(sku.skuId, 2);
    await waitFor(() => storage.get(stored) !== storedBefore, LIVE_WITHIN_MS, 'the cart to be stored on the device');

    // The app is killed and started again: a new realm over the same storage.
    before.shim.cutNetwork();
    const after = await started(await miniProgramDevice('wx', dev.hub.httpUrl, storage));
    expect(after.shop.auth.session.get()?.memberId).toBe(session.memberId);
    await until(after.shop.cart, hasLine(sku.skuId, 2), 'the cart after the restart');
    expect(after.shop.online().member).toBe(true);
  });

  it('keeps an edit made offline through a restart, and sends it once the shopper is back online', async () => {
    const sku = await createSku(dev.hub, '运行时 台灯', 12_900, 40);
    const storage = new Map<string, unknown>();
    const before = await started(await miniProgramDevice('wx', dev.hub.httpUrl, storage));
    const phone = freshPhone();
    const session = await logInByPhone(before.shop, phone);
    const pc = await pcStorefront(phone);
    const stored = `mallsync.doc.${memberRoom(session.memberId)}`;

    before.shim.cutNetwork();
    await waitFor(() => !before.shop.online().member, LIVE_WITHIN_MS, 'the member socket to drop');
    const storedBefore = storage.get(stored);
    before.shop.cart.add(sku.skuId, 4);
    await waitFor(() => storage.get(stored) !== storedBefore, LIVE_WITHIN_MS, 'the edit to be stored on the device');

    // Killed offline, started again online (a new realm over the same storage), the shopper logs in.
    const after = await started(await miniProgramDevice('wx', dev.hub.httpUrl, storage));
    await logInByPhone(after.shop, phone);
    expect(after.shop.cart.get()).toEqual([expect.objectContaining({ skuId: sku.skuId, qty: 4 })]);
    await until(pc.cart, hasLine(sku.skuId, 4), 'the offline edit on the PC');
  });

  it('keeps its two sockets working when other code in the app is refused a sixth', async () => {
    const sku = await createSku(dev.hub, '运行时 耳机', 19_900, 40);
    const device = await started(await miniProgramDevice('wx', dev.hub.httpUrl));
    const phone = freshPhone();
    await logInByPhone(device.shop, phone);
    const pc = await pcStorefront(phone);
    const listing = await device.shop.catalog.list({ limit: 20, sort: 'newest' });
    expect(device.sockets).toBe(2);

    // Other parts of the app (a chat, a live stream's comments) take the remaining tasks.
    const others = Array.from({ length: MAX_SOCKET_TASKS - 2 }, () => otherSocket(device));
    await Promise.all(
      others.map((task) =>
        waitForEvent(
          (opened) => {
            task.onOpen(() => opened());
            return () => {};
          },
          LIVE_WITHIN_MS,
          'the other sockets to open',
        ),
      ),
    );
    const refused = await waitForEvent<[{ errMsg: string }]>(
      (failed) => {
        otherSocket(device, failed);
        return () => {};
      },
      LIVE_WITHIN_MS,
      'the sixth socket to be refused',
    );
    expect(refused[0].errMsg).toContain('exceed max task count');
    expect(device.sockets).toBe(MAX_SOCKET_TASKS);

    expect(device.shop.online()).toEqual({ member: true, catalog: true });
    device.shop.cart.add(sku.skuId, 1);
    await until(pc.cart, hasLine(sku.skuId, 1), 'the cart line on the PC');
    await patchSku(dev.hub, sku.skuId, { stock: 12 });
    await until(
      listing,
      (page) => page.products.find((p) => p.productId === sku.productId)?.stock === 12,
      'the new stock on the listing',
    );
  });
});
