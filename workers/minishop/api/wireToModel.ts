import type { z } from 'zod';
import type { FreightRegion } from '../../../shared/checkout';
import { fromBeijingTime } from '../beijingTime';
import type {
  DeliveryKind,
  FreightTemplate,
  PlatformCategory,
  ShopInfo,
  SourceOrder,
  SourceOrderStatus,
  SourceProduct,
  SourceSku,
} from './schemas/model';
import type {
  categoryListResponseSchema,
  freightTemplateSchema,
  orderSchema,
  skuSchema,
  spuSchema,
  storeInfoResponseSchema,
} from './schemas/wire';

/** SPU statuses that are synced: 5 listed, 11 delisted by the merchant. 0 and 13 are skipped. */
export const SYNCED_SPU_STATUSES = { 5: 'on_sale', 11: 'delisted' } as const;

const ORDER_STATUSES: Record<number, SourceOrderStatus> = {
  10: 'unpaid',
  20: 'to_ship',
  21: 'partly_shipped',
  30: 'shipped',
  100: 'completed',
  200: 'cancelled_after_sale',
  250: 'cancelled',
};

export const toSourceSku = (sku: z.output<typeof skuSchema>): SourceSku => ({
  skuId: sku.sku_id,
  productId: sku.product_id,
  outSkuId: sku.out_sku_id,
  price: sku.sale_price,
  marketPrice: sku.market_price,
  stock: sku.stock_num,
  skuCode: sku.sku_code,
  attrs: sku.sku_attrs.map(({ attr_key, attr_value }) => ({ key: attr_key, value: attr_value })),
  image: sku.thumb_img || undefined,
});

/** The product with its SKUs, or null when its status is not one that is synced. */
export const toSourceProduct = (spu: z.output<typeof spuSchema>, skus: SourceSku[]): SourceProduct | null => {
  const status = SYNCED_SPU_STATUSES[spu.status as keyof typeof SYNCED_SPU_STATUSES];
  if (!status) return null;
  return {
    productId: spu.product_id,
    outProductId: spu.out_product_id,
    title: spu.title,
    subTitle: spu.sub_title,
    images: spu.head_img,
    description: { text: spu.desc_info?.desc ?? '', images: spu.desc_info?.imgs ?? [] },
    categories: [...spu.cats]
      .sort((a, b) => a.level - b.level)
      .map((cat) => ({ categoryId: cat.cat_id, level: cat.level })),
    attributes: spu.attrs.map(({ attr_key, attr_value }) => ({ key: attr_key, value: attr_value })),
    status,
    skus,
  };
};

type WireOrder = z.output<typeof orderSchema>;

/** `shipping_method` 1: the template ships free (docs/minishop-api.md §3.3, inferred). */
const FREE_SHIPPING = 1;

/**
 * Only express is named by the API (`快递`); same-city and pickup are recognised by the fields
 * they carry (docs/minishop-api.md, inferred).
 */
const deliveryKindOf = ({ delivery_info }: WireOrder['order_detail']): DeliveryKind => {
  if (delivery_info.pickup_address || delivery_info.offline_pickup_time) return 'pickup';
  if (delivery_info.offline_delivery_time) return 'same_city';
  return 'express';
};

type WireRegion = { province_name?: string; city_name?: string; county_name?: string };
const toRegion = (region: WireRegion): FreightRegion => ({
  provinceName: region.province_name || null,
  cityName: region.city_name || null,
  countyName: region.county_name || null,
});

const addressOf = ({ delivery_info }: WireOrder['order_detail']): SourceOrder['address'] => {
  const address = delivery_info.address_info;
  if (!address) return null;
  return {
    userName: address.user_name ?? '',
    telNumber: address.tel_number ?? '',
    provinceName: address.province_name ?? '',
    cityName: address.city_name ?? '',
    countyName: address.county_name ?? '',
    streetName: null,
    detailInfo: address.detail_info ?? '',
    postalCode: address.postal_code || null,
    nationalCode: address.national_code || null,
  };
};

/** The pickup address is an open object in the API; its name and detail are what a buyer needs. */
const pickupPointOf = ({ delivery_info }: WireOrder['order_detail']): SourceOrder['pickupPoint'] => {
  const point = delivery_info.pickup_address as { name?: unknown; detail_info?: unknown } | undefined;
  if (!point) return null;
  return {
    name: typeof point.name === 'string' ? point.name : '',
    detailInfo: typeof point.detail_info === 'string' ? point.detail_info : '',
  };
};

export const toSourceOrder = (order: WireOrder): SourceOrder => {
  const detail = order.order_detail;
  const payTime = detail.pay_info?.pay_time;
  return {
    orderId: order.order_id,
    status: ORDER_STATUSES[order.status] ?? 'unknown',
    sourceStatus: order.status,
    deliveryKind: deliveryKindOf(detail),
    address: addressOf(detail),
    pickupPoint: pickupPointOf(detail),
    createdAt: fromBeijingTime(order.create_time),
    updatedAt: fromBeijingTime(order.update_time),
    paidAt: payTime ? fromBeijingTime(payTime) : undefined,
    buyerOpenId: order.openid,
    items: detail.product_infos.map((item) => ({
      productId: item.product_id,
      skuId: item.sku_id,
      title: item.title,
      quantity: item.sku_cnt,
      price: item.sale_price,
      openAfterSale: item.on_aftersale_sku_cnt,
      finishedAfterSale: item.finish_aftersale_sku_cnt,
    })),
    price: {
      products: detail.price_info.product_price,
      freight: detail.price_info.freight,
      total: detail.price_info.order_price,
      discount: detail.price_info.discounted_price ?? 0,
    },
    openAfterSales: order.aftersale_detail?.on_aftersale_order_cnt ?? 0,
    parcels: (detail.delivery_info.delivery_product_info ?? []).map((parcel) => ({
      deliveryId: parcel.delivery_id,
      waybillId: parcel.waybill_id,
      shippedAt: parcel.delivery_time === undefined ? undefined : Number(parcel.delivery_time) * 1000,
      items: (parcel.product_infos ?? []).map((item) => ({
        productId: item.product_id,
        skuId: item.sku_id,
        quantity: item.product_cnt,
      })),
    })),
  };
};

export const toFreightTemplate = (template: z.output<typeof freightTemplateSchema>): FreightTemplate => ({
  templateId: template.template_id,
  name: template.name,
  valuation: template.valuation_type === 2 ? 'weight' : 'piece',
  isDefault: template.is_default ?? false,
  rules: {
    free: template.shipping_method === FREE_SHIPPING,
    charges: (template.all_freight_calc_method?.freight_calc_method_list ?? []).map((method) => ({
      regions: method.address_info.map(toRegion),
      isDefault: method.is_default ?? method.address_info.length === 0,
      firstUnits: method.first_val_amount,
      firstPrice: method.first_price,
      nextUnits: method.second_val_amount,
      nextPrice: method.second_price,
    })),
    // A flag of 0 turns its condition off; an absent flag leaves a given minimum in force.
    freeWhen: (template.all_condition_free_detail?.condition_free_detail_list ?? []).map((condition) => ({
      regions: condition.address_infos.map(toRegion),
      minUnits:
        condition.valuation_flag === 0
          ? null
          : ((template.valuation_type === 2 ? condition.min_weight : condition.min_piece) ?? null),
      minAmount: condition.amount_flag === 0 ? null : (condition.min_amount ?? null),
    })),
    noDelivery: (template.not_send_area?.address_info ?? []).map(toRegion),
  },
});

/** The wire's top-level parent is 0. */
const TOP_LEVEL = '0';

export const toPlatformCategory = ({
  cat_id,
  f_cat_id,
  name,
}: z.output<typeof categoryListResponseSchema>['cat_list'][number]): PlatformCategory => ({
  categoryId: cat_id,
  parentId: f_cat_id === TOP_LEVEL ? null : f_cat_id,
  name,
});

export const toShopInfo = ({ store_name, logo }: z.output<typeof storeInfoResponseSchema>['data']): ShopInfo => ({
  name: store_name,
  logo,
});
