// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chosenAddress, saveAddress, shipOrder } from './support/checkout';
import { createCoupon, createFlashSale, createSku, patchSku, placeOrder } from './support/hubApi';
import { MiniProgramApp } from './support/miniProgramApp';
import { buildMiniProgram, bundledSdkInRealm, installMiniProgram } from './support/miniProgramBuild';
import { pngPicture } from './support/pictures';
import { createProduct, uploadPicture } from './support/productCenter';
import { LIVE_WITHIN_MS, waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

// The built mini-program (`npm run build:mini`), its pages rendered by miniprogram-simulate from
// the built WXML, its `wx` a shim over real sockets, against a real `wrangler dev`.
const dev = useWranglerDev<{ destroy(): void }>();
let installed: Awaited<ReturnType<typeof installMiniProgram>> | undefined;

const installedRoot = (): string => {
  if (!installed) throw new Error('the mini-program is installed in beforeAll');
  return installed.root;
};

beforeAll(async () => {
  await buildMiniProgram();
  installed = await installMiniProgram(dev.hub.httpUrl);
});
afterAll(async () => {
  await installed?.remove();
});

const launched = async (): Promise<MiniProgramApp> => {
  const app = dev.track(MiniProgramApp.launch(installedRoot()));
  await app.shop.ready;
  return app;
};

/** A shopper WeChat has not seen before: `wx.login` gives the app a code of its own. */
const freshWechatUser = () => `mini-e2e-${Math.random().toString(36).slice(2, 10)}`;

const loggedIn = async (app: MiniProgramApp) => {
  app.shim.loginCode = freshWechatUser();
  const me = app.open('pages/me/index');
  await me.shows('微信一键登录');
  me.tap('.login');
  await me.shows('退出登录', 'the member view after the WeChat login');
  return me;
};

describe('the mini-program storefront', () => {
  it('lists the seeded products with their prices on the home page, and one category when its chip is tapped', async () => {
    const app = await launched();
    const home = app.open('pages/home/index');
    await home.shows('Organic cotton T-shirt 纯棉T恤');
    expect(home.text()).toContain('Organic cotton T-shirt 纯棉T恤 ¥99.00 – ¥109.00');
    expect(home.text()).toContain('Infant formula stage 2, 900 g ¥328.00');
    expect(home.textsOf('.category')).toEqual(['服装', '母婴', '数码']);

    home.tap('.category', '母婴');
    await home.until((text) => !text.includes('Organic cotton'), 'only the 母婴 products');
    expect(home.text()).toContain('Infant formula stage 2, 900 g ¥328.00');
  });

  it('shows the category tree, the first category open, and lists another one when it is tapped', async () => {
    const app = await launched();
    const category = app.open('pages/category/index');
    await category.shows('Organic cotton T-shirt 纯棉T恤');
    expect(category.textsOf('.shelf')).toEqual(['服装', '母婴', '数码']);
    expect(category.textsOf('.subcategory')).toEqual(['上衣', '上衣 / T恤']);

    category.tap('.shelf', '数码');
    await category.shows('Wireless earbuds ¥499.00');
    expect(category.text()).not.toContain('Organic cotton');
  });

  it("shows an operator's price edit on the open product page, and puts the chosen size in the cart", async () => {
    const app = await launched();
    const product = app.open('pages/product/index', { id: 'prd_demo_tee' });
    await product.shows('¥99.00 – ¥109.00');
    product.tap('.value', 'S');
    await product.shows('库存 120 件');
    expect(product.textsOf('.price-large')).toEqual(['¥99.00']);

    await patchSku(dev.hub, 'sku_demo_tee_s', { price: 8900 });
    await product.until((text) => text.includes('¥89.00'), 'the new price without reloading');
    expect(product.textsOf('.price-large')).toEqual(['¥89.00']);

    product.tap('.favorite');
    await product.shows('已收藏');
    expect(app.shop.favorites.get()).toEqual([expect.objectContaining({ skuId: 'sku_demo_tee_s' })]);

    product.tap('.add-to-cart');
    await app.toasted('已加入购物车');
    const cart = app.open('pages/cart/index');
    await cart.shows('White / S');
    expect(cart.textsOf('.line-title')).toEqual(['Organic cotton T-shirt 纯棉T恤']);
    expect(cart.textsOf('.qty')).toEqual(['1']);
    expect(cart.textsOf('.total')).toEqual(['¥89.00']);

    cart.tap('.more');
    await cart.until(() => cart.textsOf('.total')[0] === '¥178.00', 'the total of two');
    expect(app.shop.cart.get()).toEqual([expect.objectContaining({ skuId: 'sku_demo_tee_s', qty: 2 })]);

    cart.tap('.tick');
    await cart.until(() => cart.textsOf('.total')[0] === '¥0.00', 'nothing selected, nothing to pay');
    expect(cart.textsOf('.checkout')).toEqual(['去结算(0)']);
    cart.tap('.remove');
    await cart.shows('购物车是空的');
    expect(app.shop.cart.get()).toEqual([]);
  });

  it('shows a flash sale on the open product page and the home grid as it starts, with its price and end', async () => {
    const sku = await createSku(dev.hub, '闪购 帆布袋', 5900, 40);
    const app = await launched();
    const home = app.open('pages/home/index');
    const product = app.open('pages/product/index', { id: sku.productId });
    await product.shows('¥59.00');
    await home.shows('闪购 帆布袋 ¥59.00');

    await createFlashSale(dev.hub, {
      name: '双十二',
      skuIds: [sku.skuId],
      price: 3900,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 600_000,
      channels: 'all',
    });
    await product.shows('双十二 ¥39.00', 'the flash price without reloading');
    expect(product.textsOf('.flash')[0]).toMatch(/^双十二 ¥39\.00 · \d\d-\d\d \d\d:\d\d 结束$/);
    await home.shows('闪购 帆布袋 ¥59.00 限时 ¥39.00', 'the flash price on the home grid');
  });

  it('logs in with WeChat, checks out to a picked address, pays, and shows the order paid, then shipped with its waybill', async () => {
    const app = await launched();
    const me = await loggedIn(app);
    expect(me.textsOf('.points')).toEqual(['0']);
    me.close();

    const product = app.open('pages/product/index', { id: 'prd_demo_tee' });
    await product.shows('Size');
    product.tap('.value', 'M');
    await product.shows('库存 200 件');
    product.tap('.add-to-cart');
    await app.toasted('已加入购物车');
    product.close();

    app.shim.pickedAddress = chosenAddress;
    const checkout = app.open('pages/checkout/index');
    await checkout.shows('White / M × 1');
    expect(checkout.text()).toContain('还没有收货地址');
    checkout.tap('.wechat-address');
    await checkout.shows('林小雨 +8613912345678', 'the picked address, saved to the address book');
    expect(checkout.textsOf('.address-on')).toEqual(['林小雨 +8613912345678 浙江省杭州市西湖区文三路 90 号 3 楼']);
    expect(checkout.textsOf('.payable')).toEqual(['¥99.00']);
    checkout.tap('.place-order');
    await app.navigatedTo('/pages/orders/index');
    checkout.close();

    const orders = app.open('pages/orders/index');
    await orders.shows('已支付', 'the order paid');
    expect(orders.find('.order')).toHaveLength(1);
    expect(orders.text()).toContain('快递配送至 林小雨 杭州市西湖区文三路 90 号 3 楼');
    expect(orders.text()).toContain('实付 ¥99.00');
    expect(orders.find('.continue-paying')).toHaveLength(0);
    expect(app.shop.cart.get()).toEqual([]);

    const [order] = app.shop.orders.get();
    if (!order) throw new Error('the account document shows no order');
    await shipOrder(dev.hub, order.orderId, 'SF', 'SF1234567890');
    await orders.shows('SF 运单号 SF1234567890', 'the carrier and waybill, without reloading');
    expect(orders.textsOf('.status')).toEqual(['已发货']);
  });

  it('continues paying an order the shopper left unpaid', async () => {
    const app = await launched();
    await loggedIn(app);
    const token = app.shop.auth.session.get()?.token ?? '';
    const address = await saveAddress(dev.hub, token, chosenAddress);
    await placeOrder(dev.hub, token, {
      items: [{ skuId: 'sku_demo_formula', qty: 1 }],
      delivery: { kind: 'express', addressId: address.id },
    });
    const orders = app.open('pages/orders/index');
    await orders.shows('待支付');
    expect(orders.text()).toContain('实付 ¥328.00 继续支付');

    orders.tap('.continue-paying');
    await orders.shows('已支付', 'the order paid');
    expect(orders.find('.continue-paying')).toHaveLength(0);
  });

  it('logs out from the me page, leaving a guest who may log in again', async () => {
    const app = await launched();
    const me = await loggedIn(app);
    me.tap('.log-out');
    await me.shows('微信一键登录');
    expect(me.find('.points')).toHaveLength(0);
    await waitFor(() => app.shop.auth.session.get()?.role === 'guest', LIVE_WITHIN_MS, 'a guest session for the cart');
  });

  it('claims a coupon on the me page, and takes it off the order chosen at checkout', async () => {
    const title = `小程序专享 ${Math.random().toString(36).slice(2, 6)}`;
    await createCoupon(dev.hub, title, 1000);
    const app = await launched();
    const me = await loggedIn(app);
    await me.shows(title, 'the coupon to claim');
    expect(me.find('.claimed .coupon')).toHaveLength(0);

    me.tap('.claim');
    await app.toasted('领取成功');
    await me.until(
      () => me.find('.claimed .coupon', title).length === 1 && me.find('.offer', title).length === 0,
      'the coupon among those held, no longer offered',
    );
    expect(me.textsOf('.claimed .coupon')).toEqual([`${title} 减¥10.00 可使用`]);

    const product = app.open('pages/product/index', { id: 'prd_demo_formula' });
    await product.shows('¥328.00');
    product.tap('.add-to-cart');
    await app.toasted('已加入购物车');
    app.shim.pickedAddress = chosenAddress;
    const checkout = app.open('pages/checkout/index');
    await checkout.shows(`${title} -¥10.00`, 'the claimed coupon to choose');
    checkout.tap('.wechat-address');
    await checkout.shows('林小雨');
    checkout.tap('.coupon', title);
    await checkout.until(() => checkout.textsOf('.payable')[0] === '¥318.00', 'the coupon taken off what is due');
    checkout.tap('.place-order');
    await app.navigatedTo('/pages/orders/index');

    const orders = app.open('pages/orders/index');
    await orders.shows('已支付');
    expect(orders.text()).toContain('实付 ¥318.00');
    // The account document holds the coupons still to use (workers/members/records/couponRecords.ts).
    await me.until(() => me.find('.claimed .coupon', title).length === 0, 'the used coupon gone from those held');
  });

  it('shares the product to a group chat with its title, price, picture and page', async () => {
    const picture = await uploadPicture(dev.hub, pngPicture(8, 8, [7, 193, 96]));
    const created = await createProduct(dev.hub, {
      title: '分享 保温杯',
      images: [picture.imageId],
      skus: [{ price: 12_900, stock: 30 }],
    });
    const app = await launched();
    const product = app.open('pages/product/index', { id: created.productId });
    await product.shows('分享到群聊');
    expect(product.textsOf('.share >>> .share-title')).toEqual(['分享 保温杯']);

    expect(product.instance.onShareAppMessage?.()).toEqual({
      title: '分享 保温杯 ¥129.00',
      path: `/pages/product/index?id=${created.productId}`,
      imageUrl: picture.url,
    });
  });

  it('says so when a shared link names a product that is gone', async () => {
    const app = await launched();
    const product = app.open('pages/product/index', { id: 'prd_gone' });
    await product.shows('这件商品找不到了');
    expect(product.find('.add-to-cart')).toHaveLength(0);
  });

  it('ships an SDK bundle that runs where a mini-program runs, with no URL, TextEncoder or crypto', async () => {
    const { sdk, shim } = await bundledSdkInRealm(installedRoot());
    const shop = sdk.createStorefront({ url: dev.hub.httpUrl, channel: 'mini', runtime: sdk.wxRuntime() });
    dev.track({
      destroy: () => {
        shop.close();
        shim.dispose();
      },
    });
    await shop.ready;
    expect(shop.auth.session.get()?.role).toBe('guest');
    const listing = await shop.catalog.list({ limit: 20 });
    expect(listing.get().products.map((p) => p.title)).toContain('Infant formula stage 2, 900 g');
    expect(shim.sockets).toBe(2);
  });
});
