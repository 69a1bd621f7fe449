import { beforeAll, describe, expect, it } from 'vitest';
import { generateShop, type OrderRecord } from '../../workers/emulator/seed/generateShop';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { expressTo, setFreight } from '../support/checkout';
import { admin, adminRead } from '../support/hub';
import { freshPhone, phoneLogin } from '../support/members';
import { placedOrder, placeOrder } from '../support/orders';
import { boundShop, migrate } from '../support/shopsync';

/** The seeded shop's per-piece template (`workers/emulator/seed/generateShop.ts`): 8 yuan for the first piece, 2 each after; Xinjiang 20 for the first, 10 per 2 after; free from 10 pieces in Zhejiang; no delivery to Tibet. */
const PER_PIECE = '9007199254741457';
const FREE_EVERYWHERE = '9007199254741123';

let shop: ShopProfile;

beforeAll(async () => {
  shop = await boundShop({ products: 6, orders: 40, seed: 11 });
  await migrate(shop.appid);
});

/** A mall product of one SKU with stock for big orders, charged by a copied template. */
const templatedSku = async (sourceTemplateId: string): Promise<{ skuId: string; price: number }> => {
  const response = await admin('POST', '/api/admin/products', {
    title: 'Template mug',
    skus: [{ title: 'Only', price: 1_000, stock: 100 }],
  });
  const product = await response.json<{ productId: string; skus: Array<{ skuId: string; price: number }> }>();
  await setFreight(product.productId, { templateId: `frt_${shop.appid}_${sourceTemplateId}` });
  const [sku] = product.skus;
  if (!sku) throw new Error('no SKU');
  return sku;
};

const XINJIANG = { provinceName: '新疆维吾尔自治区', cityName: '乌鲁木齐市', countyName: '天山区' };

describe('freight by a template copied from the Mini-Shop', () => {
  it.each([
    { pieces: 1, to: 'Hangzhou', address: {}, freight: 800 },
    { pieces: 3, to: 'Hangzhou', address: {}, freight: 800 + 2 * 200 },
    { pieces: 3, to: 'Xinjiang', address: XINJIANG, freight: 2_000 + 1_000 },
    { pieces: 4, to: 'Xinjiang', address: XINJIANG, freight: 2_000 + 2 * 1_000 },
    { pieces: 10, to: 'Hangzhou', address: {}, freight: 0 },
    { pieces: 10, to: 'Xinjiang', address: XINJIANG, freight: 2_000 + 5 * 1_000 },
  ])('charges $freight fen for $pieces pieces to $to', async ({ pieces, address, freight }) => {
    const member = await phoneLogin(freshPhone(), 'h5');
    const sku = await templatedSku(PER_PIECE);
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: pieces }],
      delivery: expressTo(address),
    });
    expect(order).toMatchObject({ freight, total: pieces * sku.price + freight });
  });

  it('adds the pieces of every product on one template, and a unified freight on top', async () => {
    const member = await phoneLogin(freshPhone(), 'app');
    const [a, b] = [await templatedSku(PER_PIECE), await templatedSku(PER_PIECE)];
    const created = await admin('POST', '/api/admin/products', {
      title: 'Unified',
      skus: [{ title: 'x', price: 500, stock: 5 }],
    });
    const unified = await created.json<{ productId: string; skus: Array<{ skuId: string }> }>();
    await setFreight(unified.productId, { freight: 300 });
    const order = await placedOrder(member.token, {
      items: [
        { skuId: a.skuId, qty: 2 },
        { skuId: b.skuId, qty: 1 },
        { skuId: unified.skus[0]?.skuId, qty: 1 },
      ],
      delivery: expressTo(),
    });
    expect(order.freight).toBe(800 + 2 * 200 + 300);
  });

  it('charges nothing under a free-shipping template', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    const sku = await templatedSku(FREE_EVERYWHERE);
    const order = await placedOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 5 }],
      delivery: expressTo(XINJIANG),
    });
    expect(order.freight).toBe(0);
  });

  it('refuses an address the template does not deliver to with 409 naming the address', async () => {
    const member = await phoneLogin(freshPhone(), 'mini');
    const sku = await templatedSku(PER_PIECE);
    const response = await placeOrder(member.token, {
      items: [{ skuId: sku.skuId, qty: 1 }],
      delivery: expressTo({ provinceName: '西藏自治区', cityName: '拉萨市', countyName: '城关区' }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'not_deliverable', field: 'delivery.address' } });
  });
});

interface AdminOrder {
  deliveryKind: string;
  freight: number;
  total: number;
  shippingAddress: Record<string, unknown> | null;
  pickupPoint: Record<string, unknown> | null;
  shipments: Array<{ carrier: string | null; waybill: string | null }>;
}

const importedOrder = (order: OrderRecord) =>
  adminRead<AdminOrder>(`/api/admin/orders/ord_${shop.appid}_${order.order_id}`);

describe('a Mini-Shop order brought in by the migration', () => {
  const seeded = () => generateShop(shop).orders.filter((o) => o.status !== 10);
  const kindOf = (o: OrderRecord) => o.order_detail.delivery_info.delivery_method;

  it('keeps its express address, freight and waybill in the mall’s own shape', async () => {
    const order = seeded().find((o) => kindOf(o) === '快递' && o.status === 30);
    if (!order) throw new Error('the seed has no shipped express order');
    const address = order.order_detail.delivery_info.address_info;
    const parcel = order.order_detail.delivery_info.delivery_product_info?.[0];
    expect(await importedOrder(order)).toMatchObject({
      deliveryKind: 'express',
      freight: order.order_detail.price_info.freight,
      total: order.order_detail.price_info.order_price,
      shippingAddress: {
        userName: address?.user_name,
        telNumber: `+86${address?.tel_number}`,
        provinceName: address?.province_name,
        cityName: address?.city_name,
        countyName: address?.county_name,
        streetName: null,
        detailInfo: address?.detail_info,
        postalCode: address?.postal_code,
        nationalCode: address?.national_code,
      },
      pickupPoint: null,
      shipments: [{ carrier: parcel?.delivery_id, waybill: parcel?.waybill_id }],
    });
  });

  it('keeps a same-city order’s address and a pickup order’s point, with no id here', async () => {
    const sameCity = seeded().find((o) => kindOf(o) === '同城配送');
    const pickup = seeded().find((o) => kindOf(o) === '自提');
    if (!sameCity || !pickup) throw new Error('the seed lacks a same-city or a pickup order');
    expect(await importedOrder(sameCity)).toMatchObject({
      deliveryKind: 'same_city',
      shippingAddress: { detailInfo: sameCity.order_detail.delivery_info.address_info?.detail_info },
      pickupPoint: null,
    });
    expect(await importedOrder(pickup)).toMatchObject({
      deliveryKind: 'self_pickup',
      shippingAddress: null,
      pickupPoint: { id: null, name: '西湖门店', detailInfo: '文三路 1 号' },
      freight: 0,
    });
  });
});
