import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { LiveView, Storefront } from '../../sdk/src/index';
import type { Channel } from '../../shared/channels';
import { chosenAddress, setUnifiedFreight, shipOrder } from './support/checkout';
import { adjustBalance, createCoupon, createSku } from './support/hubApi';
import { freshPhone, logInByPhone, nodeStorefront, until } from './support/sdkShopper';
import { useWranglerDev } from './support/wranglerDev';

const dev = useWranglerDev<{ destroy(): void }>();

/** The time `view` first held a value `accept` takes (now, if it does already). */
const shown = async <T>(view: LiveView<T>, accept: (value: T) => boolean, label: string): Promise<number> => {
  await until(view, accept, label);
  return performance.now();
};

const signedIn = async (channel: Channel, phone: string): Promise<Storefront> => {
  const shop = await nodeStorefront(dev.hub.httpUrl, channel, { ackSampleRate: 0.1 });
  dev.track({ destroy: () => shop.close() });
  await logInByPhone(shop, phone);
  return shop;
};

const steps: Array<{ step: string; channel: Channel; ms: number }> = [];
const note = (step: string, channel: Channel, from: number, to: number) => {
  steps.push({ step, channel, ms: to - from });
};

describe("Emma's one purchase across the four channels, through the SDK", () => {
  it('browses and adds to cart on mini, claims a coupon on h5, pays on app, tracks shipping on pc', async () => {
    const phone = freshPhone();
    const sku = await createSku(dev.hub, '云朵棉麻衬衫 白 / M', 12_900, 40);
    await setUnifiedFreight(dev.hub, sku.productId, 800);
    const coupon = await createCoupon(dev.hub, '满 100 减 20', 2_000);
    // One after another: a phone code is good for one login.
    const mini = await signedIn('mini', phone);
    const h5 = await signedIn('h5', phone);
    const app = await signedIn('app', phone);
    const pc = await signedIn('pc', phone);
    const memberId = mini.auth.session.get()?.memberId as string;
    for (const shop of [h5, app, pc]) expect(shop.auth.session.get()?.memberId).toBe(memberId);

    // 1. mini: browse, open the product, add it to the cart.
    const listing = await mini.catalog.list({ sort: 'newest', limit: 10 });
    expect(listing.get().products[0]).toMatchObject({ productId: sku.productId, price: { min: 12_900 } });
    const page = await mini.product(sku.productId);
    mini.history.record(sku.skuId);
    let at = performance.now();
    mini.cart.add(sku.skuId, 2);
    note('add to cart → h5 cart', 'mini', at, await shown(h5.cart, (l) => l[0]?.qty === 2, 'the cart on h5'));
    note('add to cart → pc cart', 'mini', at, await shown(pc.cart, (l) => l[0]?.qty === 2, 'the cart on pc'));
    expect(pc.history.get()[0]).toMatchObject({ skuId: sku.skuId, channel: 'mini' });

    // 2. h5: claim the coupon; it shows in the account on every channel.
    const claimable = await h5.coupons.claimable();
    expect(claimable.map((c) => c.id)).toContain(coupon.id);
    at = performance.now();
    await h5.coupons.claim(coupon.id);
    note(
      'claim coupon → app coupons',
      'h5',
      at,
      await shown(app.coupons, (c) => c.some((x) => x.couponId === coupon.id), 'the coupon on app'),
    );

    // 3. app: the address the mini-program picked, express delivery with freight, the coupon; pay from balance.
    await mini.addresses.add(chosenAddress);
    await shown(app.addresses, (a) => a.length === 1, 'the address on app');
    await adjustBalance(dev.hub, memberId, 50_000);
    await shown(app.assets, (a) => a.balance === 50_000, 'the balance on app');
    const address = app.addresses.get()[0];
    at = performance.now();
    const order = await app.checkout({
      couponId: coupon.id,
      delivery: { kind: 'express', addressId: address?.id as string },
    });
    expect(order).toMatchObject({ status: 'unpaid', freight: 800, total: 2 * 12_900 + 800 });
    note(
      'place order → pc orders',
      'app',
      at,
      await shown(pc.orders, (o) => o.some((x) => x.orderId === order.id), 'the order on pc'),
    );
    expect(app.cart.get()).toEqual([]);
    await shown(mini.cart, (l) => l.length === 0, 'the cart emptied on mini');
    at = performance.now();
    const paid = await app.pay(order.id, 'balance');
    expect(paid.status).toBe('paid');
    note(
      'pay → mini order paid',
      'app',
      at,
      await shown(mini.orders, (o) => o.some((x) => x.orderId === order.id && x.status === 'paid'), 'paid on mini'),
    );
    await shown(pc.assets, (a) => a.balance === 50_000 - paid.payable, 'the balance on pc');

    // 4. pc: the operator ships; pc shows the parcel live, and the order detail names it.
    at = performance.now();
    await shipOrder(dev.hub, order.id, 'SF', 'SF1234567890');
    note(
      'ship → pc waybill',
      'pc',
      at,
      await shown(
        pc.orders,
        (o) => o.some((x) => x.orderId === order.id && x.shipments[0]?.waybill === 'SF1234567890'),
        'the waybill on pc',
      ),
    );
    expect(await pc.orders.detail(order.id)).toMatchObject({
      status: 'shipped',
      shipments: [{ carrier: 'SF', waybill: 'SF1234567890' }],
    });

    for (const shop of [mini, h5, app, pc]) expect(shop.sockets()).toBeLessThanOrEqual(3);
    listing.close();
    page.close();
    console.table(steps.map((s) => ({ step: s.step, from: s.channel, ms: Number(s.ms.toFixed(1)) })));
  });
});
