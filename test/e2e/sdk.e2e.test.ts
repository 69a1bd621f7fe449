import { describe, expect, it } from 'vitest';
import { nodeRuntime } from '../../sdk/src/adapters/node';
import { storedDocs } from '../../sdk/src/adapters/storedDocs';
import type { Refusal, Storefront, StorefrontOptions } from '../../sdk/src/index';
import { memoryStorage } from '../../sdk/src/memoryStorage';
import type { Channel } from '../../shared/channels';
import { DEVELOPMENT_SMS_CODE } from './support/developmentSmsCode';
import { createSku, patchSku } from './support/hubApi';
import { freshPhone, LIVE_WITHIN_MS, logInByPhone, nodeStorefront, refusals, until } from './support/sdkShopper';
import { waitForEvent } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

const dev = useWranglerDev<{ destroy(): void }>();
const DAY_MS = 24 * 60 * 60 * 1000;

const storefront = async (channel: Channel, options: Partial<StorefrontOptions> = {}): Promise<Storefront> => {
  const shop = await nodeStorefront(dev.hub.httpUrl, channel, options);
  dev.track({ destroy: () => shop.close() });
  return shop;
};

describe('the storefront SDK against the hub', () => {
  it("starts a guest, carries the guest's cart over on login, and shows it on another channel live", async () => {
    const sku = await createSku(dev.hub, 'SDK 帆布包', 5900, 30);
    const mini = await storefront('mini');
    expect(mini.auth.session.get()?.role).toBe('guest');
    mini.cart.add(sku.skuId, 2);
    expect(mini.cart.get()).toEqual([
      expect.objectContaining({ skuId: sku.skuId, qty: 2, channel: 'mini', selected: true }),
    ]);

    const phone = freshPhone();
    const session = await logInByPhone(mini, phone);
    expect(session.role).toBe('member');
    const carried = await until(
      mini.cart,
      (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 2),
      'the carried cart',
    );
    expect(carried).toHaveLength(1);

    const h5 = await storefront('h5');
    await logInByPhone(h5, phone);
    await until(h5.cart, (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 2), 'the cart on h5');
    h5.cart.setQty(sku.skuId, 5);
    await until(mini.cart, (lines) => lines[0]?.qty === 5, 'the new quantity on mini');
    expect(mini.sockets()).toBeLessThanOrEqual(2);
  });

  it('applies the cart rules before the round trip: 999 at most, below 1 removes the line', async () => {
    const sku = await createSku(dev.hub, 'SDK 保温杯', 9900, 5000);
    const shop = await storefront('app');
    shop.cart.add(sku.skuId, 2000);
    expect(shop.cart.get()[0]?.qty).toBe(999);
    shop.cart.setQty(sku.skuId, 0);
    expect(shop.cart.get()).toEqual([]);
  });

  it('keeps a listing live over one socket, and a product page with it', async () => {
    const made = await createSku(dev.hub, 'SDK 台灯', 12_900, 8);
    const shop = await storefront('pc');
    const listing = await shop.catalog.list({ limit: 20, sort: 'newest' });
    expect(listing.get().products[0]).toMatchObject({
      productId: made.productId,
      price: { min: 12_900, max: 12_900 },
      stock: 8,
    });
    const product = await shop.product(made.productId);
    expect(product.get().skus).toEqual([expect.objectContaining({ skuId: made.skuId, price: 12_900, stock: 8 })]);
    expect(shop.sockets()).toBe(2);

    await patchSku(dev.hub, made.skuId, { price: 11_900, stock: 7 });
    await until(
      listing,
      (page) => page.products[0]?.price?.min === 11_900 && page.products[0]?.stock === 7,
      'the listing',
    );
    await until(product, (page) => page.skus[0]?.price === 11_900 && page.skus[0]?.stock === 7, 'the product page');
    expect(product.get().price).toEqual({ min: 11_900, max: 11_900 });
    listing.close();
    product.close();
    // The catalog socket goes with the last feed on screen; the member's stays.
    expect(shop.sockets()).toBe(1);
  });

  it('keeps edits made offline, says so, and sends them when the socket is back', async () => {
    const sku = await createSku(dev.hub, 'SDK 耳机', 19900, 10);
    const phone = freshPhone();
    const app = await storefront('app');
    await logInByPhone(app, phone);
    const pc = await storefront('pc');
    await logInByPhone(pc, phone);
    const seen = refusals(app);

    app.pause();
    app.favorites.toggle(sku.skuId);
    app.cart.add(sku.skuId, 3);
    expect(seen).toContainEqual({ kind: 'offline' });
    app.resume();
    await until(pc.cart, (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 3), 'the offline cart line');
    await until(pc.favorites, (saved) => saved.some((f) => f.skuId === sku.skuId), 'the offline favorite');
  });

  it("opens the member's cart again when the app restarts with the session it kept", async () => {
    const sku = await createSku(dev.hub, 'SDK 雨伞', 3900, 10);
    const kept = memoryStorage();
    const before = await storefront('app', { runtime: nodeRuntime({ storage: kept }) });
    await logInByPhone(before, freshPhone());
    before.cart.add(sku.skuId, 4);
    await until(before.cart, (lines) => lines[0]?.qty === 4, 'the cart line');
    before.close();

    const after = await storefront('app', { runtime: nodeRuntime({ storage: kept }) });
    expect(after.auth.session.get()?.role).toBe('member');
    await until(
      after.cart,
      (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 4),
      'the cart after the restart',
    );
    expect(after.online().member).toBe(true);
  });

  it("forgets the member's documents kept on the device when the shopper logs out", async () => {
    const sku = await createSku(dev.hub, 'SDK 书签', 900, 10);
    const device = memoryStorage();
    const shop = await storefront('h5', { runtime: nodeRuntime({ persist: storedDocs(device) }) });
    const { memberId } = await logInByPhone(shop, freshPhone());
    shop.cart.add(sku.skuId, 1);
    await until(shop.cart, (lines) => lines.length === 1, 'the cart line');
    expect(await device.get(`mallsync.doc.member:${memberId}`)).toEqual(expect.any(String));

    await shop.auth.logOut();
    expect(await device.get(`mallsync.doc.member:${memberId}`)).toBeNull();
    expect(await device.get(`mallsync.doc.account:${memberId}`)).toBeNull();
    expect(shop.auth.session.get()).toBeNull();
  });

  it('tells the storefront when the hub refuses a call, naming the field', async () => {
    const shop = await storefront('h5');
    const seen = refusals(shop);
    await expect(shop.auth.requestCode('not a phone')).rejects.toMatchObject({ status: 400, field: 'phone' });
    expect(seen).toContainEqual(expect.objectContaining({ kind: 'rejected', status: 400, field: 'phone' }));
  });

  it('renews a session close to its expiry when the app starts, and keeps it in storage', async () => {
    const storage = memoryStorage();
    const first = await storefront('app', { runtime: nodeRuntime({ storage }) });
    const phone = freshPhone();
    const session = await logInByPhone(first, phone);
    first.close();

    // The app opens again 24 days later by its clock: the 30-day token has under a week left.
    const renewals: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input).endsWith('/api/auth/renew')) renewals.push(String(input));
      return fetch(input, init);
    };
    const later = () => Date.now() + 24 * DAY_MS;
    const again = await storefront('app', { runtime: nodeRuntime({ storage, fetch: counting }), now: later });
    expect(renewals).toHaveLength(1);
    const renewed = again.auth.session.get();
    expect(renewed).toMatchObject({ memberId: session.memberId, role: 'member' });
    expect(renewed?.expiresAt).toBeGreaterThanOrEqual(session.expiresAt);
    expect(JSON.parse((await storage.get('mallsync.session.app')) as string)).toEqual(renewed);
    // Ready means the member's documents synced over the renewed token.
    expect(again.online().member).toBe(true);
  });

  it('keeps the member a guest logs in as: the hub closing the guest it merged ends no session', async () => {
    const shop = await storefront('h5');
    const guest = shop.auth.session.get();
    expect(guest?.role).toBe('guest');
    shop.cart.add('sku_demo_tee_s', 1);
    const seen = refusals(shop);
    const phone = freshPhone();
    const member = await logInByPhone(shop, phone);

    // The carried line and a new edit reach the member's other device: the member socket works.
    shop.cart.add('sku_demo_tee_m', 2);
    const other = await storefront('pc');
    await logInByPhone(other, phone);
    await until(
      other.cart,
      (lines) => lines.some((l) => l.skuId === 'sku_demo_tee_s') && lines.some((l) => l.skuId === 'sku_demo_tee_m'),
      'both lines on the other device',
    );
    expect(seen.map((r) => r.kind)).not.toContain('auth-required');
    expect(shop.auth.session.get()).toMatchObject({ memberId: member.memberId, role: 'member' });

    // However late the guest's close arrives, it names the guest's rooms, not the member's.
    shop.events.emit('refusal', [
      { kind: 'merged', rooms: [`member:${guest?.memberId}`, `account:${guest?.memberId}`] },
    ]);
    // A member call after it still goes through as the member.
    expect(Array.isArray(await shop.coupons.claimable())).toBe(true);
    expect(shop.auth.session.get()).toMatchObject({ memberId: member.memberId, role: 'member' });
    expect(seen.map((r) => r.kind)).not.toContain('auth-required');
  });

  it('ends a merged account in a new login, never a dead socket: 4010, merged, auth-required', async () => {
    const phone = freshPhone();
    const h5 = await storefront('h5');
    const merged = await logInByPhone(h5, phone);
    const seen = refusals(h5);
    const mini = await storefront('mini');
    await mini.auth.loginWithWechat(`sdk-${Date.now()}`);
    const survivor = mini.auth.session.get()?.memberId;

    const askedToLogIn = waitForEvent<[Refusal]>(
      (listener) => {
        h5.on('refusal', listener);
        return () => h5.off('refusal', listener);
      },
      LIVE_WITHIN_MS,
      'auth-required on h5',
      (r) => r.kind === 'auth-required',
    );
    await mini.auth.requestCode(phone);
    expect(await mini.auth.bindPhone(phone, DEVELOPMENT_SMS_CODE)).toEqual({
      memberId: survivor,
      merged: merged.memberId,
    });
    await askedToLogIn;
    expect(seen.map((r) => r.kind)).toEqual(expect.arrayContaining(['merged', 'auth-required']));
    expect(h5.auth.session.get()).toBeNull();

    await logInByPhone(h5, phone);
    expect(h5.auth.session.get()?.memberId).toBe(survivor);
  });
});
