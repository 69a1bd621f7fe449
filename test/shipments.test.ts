import { describe, expect, it } from 'vitest';
import type { Order } from '../workers/orders/records/orderRecords';
import { accountClient } from './support/account';
import { createPickupPoint, expressTo, roomOrder } from './support/checkout';
import { admin, createProduct } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { paidOrder } from './support/payments';

const firstSkuId = async () => {
  const [sku] = (await createProduct(1, 'Parcel mug')).skus;
  if (!sku) throw new Error('no SKU');
  return sku.skuId;
};

const ship = (orderId: string, body: unknown) => admin('POST', `/api/admin/orders/${orderId}/ship`, body);

describe('shipping an order with its parcel', () => {
  it('shows the carrier and waybill on another channel and in the order detail', async () => {
    const phone = freshPhone();
    const onH5 = await phoneLogin(phone, 'h5');
    const onApp = await phoneLogin(phone, 'app');
    const order = await paidOrder(onH5, await firstSkuId(), { delivery: expressTo() });
    const room = await accountClient(onApp, 'app');
    const shipped = await ship(order.id, { deliveryId: 'SF', waybillId: 'SF1234567890' });
    expect(await shipped.json()).toEqual({ orderId: order.id, status: 'shipped' });
    await room.until(() => roomOrder(room, order.id)?.status === 'shipped', 'the shipped order on the App');
    const parcel = { carrier: 'SF', waybill: 'SF1234567890', shippedAt: expect.any(Number) };
    expect(roomOrder(room, order.id)?.shipments).toEqual([parcel]);
    const detail = await shopper('GET', `/api/orders/${order.id}`, undefined, onApp.token);
    expect(await detail.json<Order>()).toMatchObject({
      status: 'shipped',
      shipments: [{ ...parcel, orderId: order.id }],
    });
    room.close();
  });

  it.each([
    { field: 'deliveryId', body: { waybillId: 'YT1' } },
    { field: 'waybillId', body: { deliveryId: 'YTO' } },
  ])('refuses an express order without its $field with 400, leaving it paid', async ({ field, body }) => {
    const member = await phoneLogin(freshPhone(), 'pc');
    const order = await paidOrder(member, await firstSkuId(), { delivery: expressTo() });
    const response = await ship(order.id, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    const detail = await shopper('GET', `/api/orders/${order.id}`, undefined, member.token);
    expect(await detail.json()).toMatchObject({ status: 'paid', shipments: [] });
  });

  it('hands a self-pickup order over with no carrier, and a second ship adds no second parcel', async () => {
    const member = await phoneLogin(freshPhone(), 'mini');
    const point = await createPickupPoint();
    const order = await paidOrder(member, await firstSkuId(), {
      delivery: { kind: 'self_pickup', pickupPointId: point.id },
    });
    expect((await ship(order.id, {})).status).toBe(200);
    const again = await ship(order.id, {});
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'order_shipped' } });
    const detail = await (await shopper('GET', `/api/orders/${order.id}`, undefined, member.token)).json<Order>();
    expect(detail).toMatchObject({ status: 'shipped' });
    expect(detail.shipments).toEqual([
      { id: expect.any(Number), orderId: order.id, carrier: null, waybill: null, shippedAt: expect.any(Number) },
    ]);
  });
});
