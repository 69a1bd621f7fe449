import { beforeAll, describe, expect, it } from 'vitest';
import { generateShop } from '../../workers/emulator/seed/generateShop';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { MiniShopApiError } from '../../workers/minishop/api/errors';
import { clientFor, control, deliveryMethod, newShop, noAfterSale, orderPicker } from '../support/emulator';

let shop: ShopProfile;
let seed: ReturnType<typeof generateShop>;

beforeAll(async () => {
  shop = await newShop({ products: 30, orders: 400, seed: 23 });
  seed = generateShop(shop);
});

const take = orderPicker(() => seed.orders);
const apiError = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('Mini-Shop client: delivery/send', () => {
  it('ships a to-ship express order whole; the order is then shipped with the parcel', async () => {
    const { client } = clientFor(shop);
    const order = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    await client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF1234567890' }]);
    const shipped = await client.getOrder(order.order_id);
    expect(shipped.status).toBe('shipped');
    expect(shipped.parcels.at(-1)).toMatchObject({ deliveryId: 'SF', waybillId: 'SF1234567890' });
  });

  it('refuses an order that is already shipped with 109001 and leaves it as it was', async () => {
    const { client } = clientFor(shop);
    const order = take((o) => o.status === 30);
    const error = await apiError(client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF1' }]));
    expect(error).toBeInstanceOf(MiniShopApiError);
    expect(error).toMatchObject({ errcode: 109001 });
    expect((await client.getOrder(order.order_id)).parcels).toHaveLength(1);
  });

  it('refuses an order with an open after-sale with 108009', async () => {
    const { client } = clientFor(shop);
    const order = take((o) => o.status === 20 && !noAfterSale(o));
    expect(await apiError(client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF2' }]))).toMatchObject({
      errcode: 108009,
    });
    expect((await client.getOrder(order.order_id)).status).toBe('to_ship');
  });

  it('refuses an order once an after-sale opens on it (control route), then ships it after it closes', async () => {
    const { client } = clientFor(shop);
    const order = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    const patch = (body: unknown) => control('PATCH', `/shops/${shop.appid}/orders/${order.order_id}`, body);
    expect((await patch({ openAfterSale: true })).status).toBe(200);
    expect(await apiError(client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF3' }]))).toMatchObject({
      errcode: 108009,
    });
    await patch({ openAfterSale: false });
    await client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF3' }]);
    expect((await client.getOrder(order.order_id)).status).toBe('shipped');
  });

  it('ships same-city and pickup orders without carrier or waybill, but not express ones', async () => {
    const { client } = clientFor(shop);
    for (const kind of ['同城配送', '自提']) {
      const order = take((o) => o.status === 20 && deliveryMethod(o) === kind && noAfterSale(o));
      await client.ship(order.order_id, [{}]);
      expect((await client.getOrder(order.order_id)).status).toBe('shipped');
    }
    const express = take((o) => o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o));
    expect(await apiError(client.ship(express.order_id, [{}]))).toMatchObject({ errcode: 9401020 });
  });

  it('splits shipping: partly shipped (21) after the first parcel, shipped after the rest', async () => {
    const { client } = clientFor(shop);
    const order = take(
      (o) =>
        o.status === 20 && deliveryMethod(o) === '快递' && noAfterSale(o) && o.order_detail.product_infos.length > 1,
    );
    const [first] = order.order_detail.product_infos;
    if (!first) throw new Error('the order has no lines');
    const items = [{ productId: first.product_id, skuId: first.sku_id, quantity: first.sku_cnt }];
    await client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF4', items }]);
    expect((await client.getOrder(order.order_id)).status).toBe('partly_shipped');
    await client.ship(order.order_id, [{ deliveryId: 'YTO', waybillId: 'YT5' }]);
    const done = await client.getOrder(order.order_id);
    expect(done.status).toBe('shipped');
    expect(done.parcels.map((p) => p.waybillId)).toEqual(['SF4', 'YT5']);
  });

  it('refuses unpaid and cancelled orders with 109000', async () => {
    const { client } = clientFor(shop);
    for (const status of [10, 250]) {
      const order = take((o) => o.status === status);
      expect(await apiError(client.ship(order.order_id, [{ deliveryId: 'SF', waybillId: 'SF6' }]))).toMatchObject({
        errcode: 109000,
      });
    }
  });
});
