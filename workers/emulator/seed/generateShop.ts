import * as prng from 'lib0/prng';
import type { z } from 'zod';
import type {
  freightTemplateSchema,
  orderSchema,
  skuSchema,
  spuSchema,
  storeInfoResponseSchema,
} from '../../minishop/api/schemas/wire';
import { fromBeijingTime, toBeijingTime } from '../../minishop/beijingTime';
import { mediaUrlOf } from '../shop/mediaImages';
import { levelsOf } from './platformCategories';
import type { ShopProfile } from './profiles';

export type SpuRecord = z.output<typeof spuSchema>;
export type SkuRecord = z.output<typeof skuSchema>;
export type OrderRecord = z.output<typeof orderSchema>;
export type FreightTemplateRecord = z.output<typeof freightTemplateSchema>;
export type StoreInfoRecord = z.output<typeof storeInfoResponseSchema>['data'];

export interface ShopData {
  spus: SpuRecord[];
  skus: SkuRecord[];
  orders: OrderRecord[];
  freightTemplates: FreightTemplateRecord[];
  storeInfo: StoreInfoRecord;
}

/** Orders are created over the 60 days from here; updates follow within 5 days. */
export const SEED_START = fromBeijingTime('2026-09-01 00:00:00');
const DAY_MS = 86_400_000;
const TWO_POW_53 = 2n ** 53n;

/**
 * Every 20 products: 12 listed (5), 5 delisted by the merchant (11), 2 delisted for violations
 * (13), 1 never listed (0) — the last two kinds must be skipped by a sync.
 */
const SPU_STATUS_CYCLE = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 11, 11, 11, 11, 11, 13, 13, 0];
const ORDER_STATUSES = [10, 20, 30, 100, 200, 250] as const;

/** Every third product has an id below 2^53, the rest above it (like the doc's `23423523452345235`). */
const productIdOf = (index: number) =>
  (index % 3 === 2 ? 10_000_000n + BigInt(index) : TWO_POW_53 + 1n + BigInt(index) * 7_919n).toString();

export const productStatusOf = (index: number) => SPU_STATUS_CYCLE[index % SPU_STATUS_CYCLE.length] ?? 5;

/** The bottom-level categories products are in, so products share categories (`platformCategories.ts`). */
const LEAF_CATEGORIES = ['1200', '1201', '1202', '1203'];

const generateCatalog = (gen: prng.PRNG, profile: ShopProfile) => {
  const spus: SpuRecord[] = [];
  const skus: SkuRecord[] = [];
  for (let index = 0; index < profile.products; index++) {
    const productId = productIdOf(index);
    const basePrice = prng.uint32(gen, 5, 500) * 100;
    const productSkus = Array.from({ length: prng.uint32(gen, 1, 4) }, (_, k): SkuRecord => {
      const price = basePrice + k * 200;
      return {
        product_id: productId,
        sku_id: (BigInt(productId) * 10n + BigInt(k + 1)).toString(),
        out_sku_id: `OUT-SKU-${index}-${k}`,
        thumb_img: mediaUrlOf(profile.appid, `sku-${index}-${k}`),
        sale_price: price,
        market_price: price + 1_000,
        stock_num: prng.uint32(gen, 0, 500),
        sku_code: `SKU${index}-${k}`,
        barcode: String(6_900_000_000_000 + index * 10 + k),
        sku_attrs: [{ attr_key: '规格', attr_value: `款式${k + 1}` }],
        status: 5,
      };
    });
    skus.push(...productSkus);
    spus.push({
      product_id: productId,
      out_product_id: `OUT-${index}`,
      title: `文具 ${index} 号`,
      sub_title: `编号 ${index}`,
      head_img: [
        mediaUrlOf(profile.appid, `product-${index}-front`),
        mediaUrlOf(profile.appid, `product-${index}-side`),
      ],
      // Every description ends with the shop's banner: the same picture in many products.
      desc_info: {
        desc: `文具 ${index} 号：书写顺滑 & 耐用`,
        imgs: [mediaUrlOf(profile.appid, `detail-${index}`), mediaUrlOf(profile.appid, 'banner')],
      },
      cats: levelsOf(LEAF_CATEGORIES[index % LEAF_CATEGORIES.length] ?? '1200'),
      attrs: [{ attr_key: '品牌', attr_value: '晨光' }],
      status: productStatusOf(index),
      edit_status: 4,
      min_price: basePrice,
      skus: productSkus.map(({ sku_id }) => ({ sku_id })),
    });
  }
  return { spus, skus };
};

type DeliveryKind = 'express' | 'same_city' | 'pickup';

const deliveryInfoOf = (kind: DeliveryKind, createdAt: number, gen: prng.PRNG) => {
  const address = {
    user_name: `买家${prng.uint32(gen, 1, 9_999)}`,
    postal_code: '310000',
    province_name: '浙江省',
    city_name: '杭州市',
    county_name: '西湖区',
    detail_info: `文三路 ${prng.uint32(gen, 1, 999)} 号`,
    national_code: '330106',
    tel_number: `138${String(prng.uint32(gen, 0, 99_999_999)).padStart(8, '0')}`,
  };
  const seconds = Math.floor(createdAt / 1000);
  // Only `快递` is documented; the same-city and pickup strings are the emulator's guesses.
  if (kind === 'same_city')
    return { address_info: address, delivery_method: '同城配送', offline_delivery_time: seconds + 3_600 };
  if (kind === 'pickup')
    return {
      delivery_method: '自提',
      pickup_address: { name: '西湖门店', detail_info: '文三路 1 号' },
      offline_pickup_time: seconds + 7_200,
    };
  return {
    address_info: address,
    delivery_method: '快递',
    express_fee: [{ shipping_method: 'ShippingMethod_Express' }],
  };
};

const generateOrders = (gen: prng.PRNG, profile: ShopProfile, sellable: SkuRecord[], titles: Map<string, string>) => {
  const orders: OrderRecord[] = [];
  for (let index = 0; index < profile.orders; index++) {
    const status = prng.oneOf(gen, [...ORDER_STATUSES]);
    const createdAt = SEED_START + prng.uint32(gen, 0, (60 * DAY_MS) / 1000) * 1000;
    const updatedAt = createdAt + prng.uint32(gen, 0, (5 * DAY_MS) / 1000) * 1000;
    const kind = prng.oneOf<DeliveryKind>(gen, ['express', 'express', 'express', 'same_city', 'pickup']);
    const lines = Array.from({ length: prng.uint32(gen, 1, 3) }, () => prng.oneOf(gen, sellable));
    const unique = [...new Map(lines.map((sku) => [sku.sku_id, sku])).values()];
    const afterSale =
      status === 200
        ? 'finished'
        : [20, 30, 100].includes(status)
          ? prng.oneOf(gen, ['none', 'none', 'none', 'none', 'open', 'finished'] as const)
          : 'none';
    const products = unique.map((sku, line) => {
      const count = prng.uint32(gen, 1, 3);
      const touched = status === 200 || line === 0;
      return {
        product_id: sku.product_id,
        sku_id: sku.sku_id,
        sku_cnt: count,
        title: titles.get(sku.product_id) ?? '',
        thumb_img: sku.thumb_img,
        sale_price: sku.sale_price,
        market_price: sku.market_price,
        sku_attrs: sku.sku_attrs,
        on_aftersale_sku_cnt: afterSale === 'open' && touched ? 1 : 0,
        finish_aftersale_sku_cnt: afterSale === 'finished' && touched ? (status === 200 ? count : 1) : 0,
      };
    });
    const productPrice = products.reduce((sum, item) => sum + item.sale_price * item.sku_cnt, 0);
    const freight = kind === 'express' ? 1_000 : 0;
    const orderId = (3_000_000_000_000_000_000n + BigInt(index) * 1_000_003n).toString();
    const paid = status !== 10 && !(status === 250 && index % 2 === 0);
    const shipped = status === 30 || status === 100;
    const deliveryInfo = {
      ...deliveryInfoOf(kind, createdAt, gen),
      ...(shipped
        ? {
            delivery_product_info: [
              {
                ...(kind === 'express' ? { delivery_id: 'SF', waybill_id: `SF${orderId.slice(-12)}` } : {}),
                delivery_time: Math.floor(updatedAt / 1000),
                product_infos: products.map((p) => ({
                  product_id: p.product_id,
                  sku_id: p.sku_id,
                  product_cnt: p.sku_cnt,
                })),
              },
            ],
          }
        : {}),
      ...(status === 100 ? { ship_done_time: Math.floor(updatedAt / 1000) } : {}),
    };
    orders.push({
      order_id: orderId,
      status,
      create_time: toBeijingTime(createdAt),
      update_time: toBeijingTime(updatedAt),
      openid: `oEmu${String(prng.uint32(gen, 0, 999_999)).padStart(6, '0')}`,
      ext_info: { customer_notes: '', merchant_notes: '' },
      order_detail: {
        product_infos: products,
        pay_info: {
          pay_method: '微信支付',
          prepay_id: `wx${orderId}`,
          prepay_time: toBeijingTime(createdAt),
          ...(paid ? { transaction_id: `4200${orderId}`, pay_time: toBeijingTime(createdAt + 60_000) } : {}),
        },
        price_info: {
          product_price: productPrice,
          order_price: productPrice + freight,
          freight,
          discounted_price: 0,
          is_discounted: false,
        },
        delivery_info: deliveryInfo,
      },
      aftersale_detail: {
        aftersale_order_list: afterSale === 'none' ? [] : [{ aftersale_order_id: (BigInt(orderId) + 1n).toString() }],
        on_aftersale_order_cnt: afterSale === 'open' ? 1 : 0,
      },
    });
  }
  return orders;
};

const FREIGHT_TEMPLATES: FreightTemplateRecord[] = [
  {
    template_id: '9007199254741123',
    name: '全国包邮',
    valuation_type: 1,
    send_time: 2,
    address_info: { province_name: '浙江省', city_name: '杭州市', county_name: '西湖区' },
    delivery_type: 1,
    delivery_id: ['SF', 'ZTO'],
    shipping_method: 1,
    is_default: true,
  },
  {
    template_id: '9007199254741457',
    name: '按件计费',
    valuation_type: 1,
    delivery_id: ['YTO'],
    shipping_method: 3,
    all_freight_calc_method: {
      freight_calc_method_list: [
        {
          address_info: [],
          is_default: true,
          first_val_amount: 1,
          first_price: 800,
          second_val_amount: 1,
          second_price: 200,
        },
        {
          address_info: [{ province_name: '新疆维吾尔自治区' }],
          is_default: false,
          first_val_amount: 1,
          first_price: 2_000,
          second_val_amount: 2,
          second_price: 1_000,
        },
      ],
    },
    all_condition_free_detail: {
      condition_free_detail_list: [{ address_infos: [{ province_name: '浙江省' }], min_piece: 10, valuation_flag: 1 }],
    },
    not_send_area: { address_info: [{ province_name: '西藏自治区' }] },
    is_default: false,
  },
  {
    template_id: '31415926',
    name: '按重量计费',
    valuation_type: 2,
    delivery_id: ['EMS'],
    shipping_method: 2,
    all_condition_free_detail: {
      condition_free_detail_list: [{ address_infos: [], min_amount: 9_900, amount_flag: 1 }],
    },
    is_default: false,
  },
];

/** The shop's data, a pure function of its profile: the same seed always gives the same shop. */
export const generateShop = (profile: ShopProfile): ShopData => {
  const gen = prng.create(profile.seed);
  const { spus, skus } = generateCatalog(gen, profile);
  const synced = new Set(spus.filter((spu) => spu.status === 5 || spu.status === 11).map((spu) => spu.product_id));
  const titles = new Map(spus.map((spu) => [spu.product_id, spu.title]));
  const orders = generateOrders(
    gen,
    profile,
    skus.filter((sku) => synced.has(sku.product_id)),
    titles,
  );
  return {
    spus,
    skus,
    orders,
    freightTemplates: FREIGHT_TEMPLATES,
    storeInfo: { store_name: profile.name, logo: 'https://mmecoa.qpic.cn/emulator/logo.png', type: 1 },
  };
};
