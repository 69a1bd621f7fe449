import { describe, expect, it } from 'vitest';
import { nodeRuntime } from '../../sdk/src/adapters/node';
import { memoryStorage, type Storefront } from '../../sdk/src/index';
import { createStorefront } from '../../sdk/src/storefront';
import type { Channel } from '../../shared/channels';
import { createSku, patchSku } from './support/hubApi';
import { freshPhone, login, refusals, until } from './support/sdkShopper';
import { useWranglerDev } from './support/wranglerDev';

const dev = useWranglerDev<{ destroy(): void }>();

const storefront = async (channel: Channel): Promise<Storefront> => {
  const shop = createStorefront({ url: dev.hub.httpUrl, channel, runtime: nodeRuntime(), ackSampleRate: 1 });
  dev.track({ destroy: () => shop.close() });
  await shop.ready;
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
    const session = await login(mini, phone);
    expect(session.role).toBe('member');
    const carried = await until(
      mini.cart,
      (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 2),
      'the carried cart',
    );
    expect(carried).toHaveLength(1);

    const h5 = await storefront('h5');
    await login(h5, phone);
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
    await login(app, phone);
    const pc = await storefront('pc');
    await login(pc, phone);
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
    const before = createStorefront({ url: dev.hub.httpUrl, channel: 'app', runtime: nodeRuntime({ storage: kept }) });
    dev.track({ destroy: () => before.close() });
    await before.ready;
    await login(before, freshPhone());
    before.cart.add(sku.skuId, 4);
    await until(before.cart, (lines) => lines[0]?.qty === 4, 'the cart line');
    before.close();

    const after = createStorefront({ url: dev.hub.httpUrl, channel: 'app', runtime: nodeRuntime({ storage: kept }) });
    dev.track({ destroy: () => after.close() });
    await after.ready;
    expect(after.auth.session.get()?.role).toBe('member');
    await until(
      after.cart,
      (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 4),
      'the cart after the restart',
    );
    expect(after.online().member).toBe(true);
  });

  it('tells the storefront when the hub refuses a call, naming the field', async () => {
    const shop = await storefront('h5');
    const seen = refusals(shop);
    await expect(shop.auth.requestCode('not a phone')).rejects.toMatchObject({ status: 400, field: 'phone' });
    expect(seen).toContainEqual(expect.objectContaining({ kind: 'rejected', status: 400, field: 'phone' }));
  });
});
