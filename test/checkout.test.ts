import { describe, expect, it } from 'vitest';
import type { Session } from '../shared/api/auth';
import type { BookAddress } from '../shared/checkout';
import type { Order } from '../workers/orders/records/orderRecords';
import { accountClient, claimCoupon, createCoupon } from './support/account';
import {
  addedAddress,
  addressesPath,
  chosenAddress,
  createPickupPoint,
  expressTo,
  roomOrder,
  setFreight,
} from './support/checkout';
import { admin, createProduct, expectBadInput } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { placedOrder, placeOrder, skuState } from './support/orders';

/** The book entry as an order keeps it: the address without the book's own fields. */
const snapshotOf = ({ id: _, isDefault: __, createdAt: ___, updatedAt: ____, ...address }: BookAddress) => address;

const orderRead = async (session: Session, orderId: string): Promise<Order> => {
  const response = await shopper('GET', `/api/orders/${orderId}`, undefined, session.token);
  expect(response.status).toBe(200);
  return response.json();
};

/** A product of one SKU (price 1000) whose freight is `setting`. */
const productWithFreight = async (setting: Record<string, unknown>) => {
  const product = await createProduct(1, 'Freight mug');
  await setFreight(product.productId, setting);
  const [sku] = product.skus;
  if (!sku) throw new Error('no SKU');
  return sku;
};

describe('checking out with a delivery', () => {
  it('keeps the express address and the freight, and every channel shows them', async () => {
    const phone = freshPhone();
    const onMini = await phoneLogin(phone, 'mini');
    const onApp = await phoneLogin(phone, 'app');
    const room = await accountClient(onApp, 'app');
    const sku = await productWithFreight({ freight: 800 });
    const address = await addedAddress(onMini.token);
    const order = await placedOrder(onMini.token, {
      items: [{ skuId: sku.skuId, qty: 2 }],
      delivery: { kind: 'express', addressId: address.id },
    });
    expect(order).toMatchObject({
      deliveryKind: 'express',
      shippingAddress: snapshotOf(address),
      pickupPoint: null,
      freight: 800,
      total: 2 * sku.price + 800,
      payable: 2 * sku.price + 800,
      shipments: [],
    });
    expect(await orderRead(onApp, order.id)).toEqual(order);
    await room.until(() => roomOrder(room, order.id) !== undefined, 'the order on the App');
    expect(roomOrder(room, order.id)).toMatchObject({
      deliveryKind: 'express',
      shippingAddress: snapshotOf(address),
      freight: 800,
      total: 2 * sku.price + 800,
      shipments: [],
    });
    room.close();
  });

  it('leaves the order’s address as placed when the book entry is edited and then deleted', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const sku = await productWithFreight({ freight: 0 });
    const address = await addedAddress(member.token);
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 1 }],
      delivery: { kind: 'same_city', addressId: address.id },
    });
    const edited = await shopper('PATCH', `${addressesPath}/${address.id}`, { detailInfo: '搬走了' }, member.token);
    expect(edited.status).toBe(200);
    expect((await shopper('DELETE', `${addressesPath}/${address.id}`, undefined, member.token)).status).toBe(204);
    const room = await accountClient(member, 'h5');
    expect((await orderRead(member, order.id)).shippingAddress).toEqual(snapshotOf(address));
    expect(roomOrder(room, order.id)).toMatchObject({
      deliveryKind: 'same_city',
      shippingAddress: snapshotOf(address),
    });
    room.close();
  });

  it('charges no freight for self-pickup and keeps the pickup point as it was when ordered', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    const sku = await productWithFreight({ freight: 1_500 });
    const point = await createPickupPoint();
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 3 }],
      delivery: { kind: 'self_pickup', pickupPointId: point.id },
    });
    const { createdAt: _, updatedAt: __, ...snapshot } = point;
    expect(order).toMatchObject({
      deliveryKind: 'self_pickup',
      shippingAddress: null,
      pickupPoint: snapshot,
      freight: 0,
      total: 3 * sku.price,
    });
    expect((await admin('PATCH', `/api/admin/pickup-points/${point.id}`, { name: '已搬迁' })).status).toBe(200);
    expect((await orderRead(member, order.id)).pickupPoint).toEqual(snapshot);
  });

  it('charges a unified freight once per order, the highest of its products, whatever the quantities', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const dear = await productWithFreight({ freight: 800 });
    const cheap = await productWithFreight({ freight: 500 });
    const order = await placedOrder(member.token, {
      items: [
        { skuId: dear.skuId, qty: 3 },
        { skuId: cheap.skuId, qty: 2 },
      ],
      delivery: expressTo(),
    });
    expect(order).toMatchObject({ freight: 800, total: 3 * dear.price + 2 * cheap.price + 800 });
  });

  it('charges nothing for a product with no freight set', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const [sku] = (await createProduct(1, 'Free shipping mug')).skus;
    if (!sku) throw new Error('no SKU');
    const order = await placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }], delivery: expressTo() });
    expect(order).toMatchObject({ freight: 0, total: sku.price });
  });

  it('takes a coupon off the goods and charges the freight on top', async () => {
    const member = await phoneLogin(freshPhone(), 'app');
    const sku = await productWithFreight({ freight: 600 });
    const coupon = await createCoupon({ value: 300, minSpend: sku.price });
    expect((await claimCoupon(coupon.id, member.token)).status).toBe(201);
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 1 }],
      couponId: coupon.id,
      delivery: expressTo(),
    });
    expect(order).toMatchObject({ freight: 600, total: sku.price + 600, discount: 300, payable: sku.price + 300 });
  });
});

describe('a checkout refused', () => {
  const refusedCases = [
    { field: 'delivery.address', delivery: { kind: 'express' } },
    { field: 'delivery.address', delivery: { kind: 'same_city' } },
    { field: 'delivery.address', delivery: { ...expressTo(), addressId: 'adr_x' } },
    { field: 'delivery.address.telNumber', delivery: expressTo({ telNumber: 'not a phone' }) },
    { field: 'delivery.pickupPointId', delivery: { kind: 'self_pickup' } },
    { field: 'delivery.kind', delivery: { kind: 'drone', addressId: 'adr_x' } },
  ];

  it.each(refusedCases)('with 400 naming $field, reserving no stock', async ({ field, delivery }) => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const [sku] = (await createProduct(1, 'Refused mug')).skus;
    if (!sku) throw new Error('no SKU');
    const response = await placeOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }], delivery });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
  });

  it('with 404 naming the address or the pickup point when they are unknown, another member’s address included', async () => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const other = await phoneLogin(freshPhone(), 'h5');
    const theirs = await addedAddress(other.token, chosenAddress());
    const [sku] = (await createProduct(1, 'Unknown address mug')).skus;
    if (!sku) throw new Error('no SKU');
    for (const [delivery, field] of [
      [{ kind: 'express', addressId: 'adr_nobody' }, 'delivery.addressId'],
      [{ kind: 'express', addressId: theirs.id }, 'delivery.addressId'],
      [{ kind: 'self_pickup', pickupPointId: 'pkp_nowhere' }, 'delivery.pickupPointId'],
    ] as const) {
      const response = await placeOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }], delivery });
      expect({ field, status: response.status }).toEqual({ field, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', field } });
    }
    expect((await skuState(sku.skuId)).stock).toBe(sku.stock);
  });
});

describe('pickup points', () => {
  it('are added, listed to shoppers, edited and removed by the operator', async () => {
    const point = await createPickupPoint({ name: '滨江门店', telNumber: '+86 139 1111 2222' });
    expect(point).toMatchObject({ id: expect.any(String), name: '滨江门店', telNumber: '+8613911112222' });
    const listed = await shopper('GET', '/api/pickup-points');
    expect((await listed.json<{ pickupPoints: unknown[] }>()).pickupPoints).toContainEqual(point);
    const edited = await admin('PATCH', `/api/admin/pickup-points/${point.id}`, { detailInfo: '江南大道 2 号' });
    expect(await edited.json()).toMatchObject({ id: point.id, name: '滨江门店', detailInfo: '江南大道 2 号' });
    expect((await admin('DELETE', `/api/admin/pickup-points/${point.id}`)).status).toBe(204);
    const after = await admin('GET', '/api/admin/pickup-points');
    expect((await after.json<{ pickupPoints: Array<{ id: string }> }>()).pickupPoints.map((p) => p.id)).not.toContain(
      point.id,
    );
  });

  it('refuse bad input with 400 naming the field, and unknown points with 404', async () => {
    await expectBadInput('/api/admin/pickup-points', 'name', 'POST', { detailInfo: 'x' });
    await expectBadInput('/api/admin/pickup-points', 'telNumber', 'POST', {
      name: 'n',
      provinceName: 'p',
      cityName: 'c',
      countyName: 'd',
      detailInfo: 'x',
      telNumber: 'abc',
    });
    for (const [method, body] of [
      ['PATCH', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await admin(method, '/api/admin/pickup-points/pkp_gone', body);
      expect({ method, status: response.status }).toEqual({ method, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', field: 'pointId' } });
    }
  });
});

describe('a product’s freight setting', () => {
  it('refuses a negative amount with 400, an unknown product or template with 404', async () => {
    const product = await createProduct(1, 'Setting mug');
    await expectBadInput(`/api/admin/products/${product.productId}/freight`, 'freight', 'PUT', { freight: -1 });
    for (const [path, body, field] of [
      ['/api/admin/products/prd_nothing/freight', { freight: 100 }, 'productId'],
      [`/api/admin/products/${product.productId}/freight`, { templateId: 'frt_none' }, 'templateId'],
    ] as const) {
      const response = await admin('PUT', path, body);
      expect({ field, status: response.status }).toEqual({ field, status: 404 });
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', field } });
    }
  });
});
