import { z } from 'zod';

/**
 * The Mini-Shop (`/product/*`) wire format, requests and responses, as documented in
 * docs/minishop-api.md. Responses are parsed with `parseWireJson`, so an id arrives as a
 * number, a bigint (above 2^53) or a string; every id leaves these schemas as a string.
 */
export const wireId = z.union([z.string().regex(/^\d+$/), z.int().nonnegative(), z.bigint()]).transform(String);
const fen = z.int();
/** Epoch seconds, which some fields carry as a string. */
const epochSeconds = z.union([z.int(), z.string()]);
const attr = z.object({ attr_key: z.string(), attr_value: z.string() });

/** Every answer: `errcode` 0 (or absent) means success. */
export const wireStatusSchema = z.object({ errcode: z.int().default(0), errmsg: z.string().default('') });

export const tokenResponseSchema = z.object({ access_token: z.string().min(1), expires_in: z.int().positive() });

export const spuSchema = z.object({
  product_id: wireId,
  out_product_id: z.string().optional(),
  title: z.string(),
  sub_title: z.string().optional(),
  head_img: z.array(z.string()).default([]),
  desc_info: z.object({ desc: z.string().optional(), imgs: z.array(z.string()).default([]) }).optional(),
  /** The product's platform category, one entry per level (3 levels), ids only: names come from `category/get`. */
  cats: z.array(z.object({ cat_id: wireId, level: z.int() })).default([]),
  attrs: z.array(attr).default([]),
  status: z.int(),
  edit_status: z.int().optional(),
  min_price: fen.optional(),
  skus: z.array(z.object({ sku_id: wireId })).default([]),
});
export const spuListRequestSchema = z.object({
  status: z.int().optional(),
  page: z.int().min(1),
  page_size: z.int().min(1),
  need_edit_spu: z.union([z.literal(0), z.literal(1)]).default(0),
});
export const spuListResponseSchema = z.object({ spus: z.array(spuSchema).default([]), total_num: z.int() });
export const spuGetRequestSchema = z.object({ product_id: wireId, need_edit_spu: z.int().optional() });
export const spuGetResponseSchema = z.object({ data: z.object({ spu: spuSchema }) });

export const skuSchema = z.object({
  product_id: wireId,
  out_product_id: z.string().optional(),
  sku_id: wireId,
  out_sku_id: z.string().optional(),
  thumb_img: z.string().optional(),
  sale_price: fen,
  market_price: fen.optional(),
  stock_num: z.int(),
  sku_code: z.string().optional(),
  // A string in the doc table, a number in its example.
  barcode: z.union([z.string(), z.number(), z.bigint()]).transform(String).optional(),
  sku_attrs: z.array(attr).default([]),
  status: z.int().optional(),
});
export const skuListRequestSchema = z.object({
  product_id: wireId,
  need_edit_sku: z.int().optional(),
  need_real_stock: z.int().optional(),
});
export const skuListResponseSchema = z.object({ skus: z.array(skuSchema).default([]) });

const orderProductSchema = z.object({
  product_id: wireId,
  sku_id: wireId,
  sku_cnt: z.int(),
  title: z.string(),
  thumb_img: z.string().optional(),
  sale_price: fen,
  market_price: fen.optional(),
  sku_attrs: z.array(attr).default([]),
  on_aftersale_sku_cnt: z.int().default(0),
  finish_aftersale_sku_cnt: z.int().default(0),
});
const parcelProductSchema = z.object({ product_id: wireId, sku_id: wireId, product_cnt: z.int() });
const deliveredParcelSchema = z.object({
  waybill_id: z.string().optional(),
  delivery_id: z.string().optional(),
  delivery_time: epochSeconds.optional(),
  deliver_type: z.string().optional(),
  product_infos: z.array(parcelProductSchema).optional(),
});
const addressSchema = z.object({
  user_name: z.string().optional(),
  postal_code: z.string().optional(),
  province_name: z.string().optional(),
  city_name: z.string().optional(),
  county_name: z.string().optional(),
  detail_info: z.string().optional(),
  national_code: z.string().optional(),
  tel_number: z.string().optional(),
});
export const orderSchema = z.object({
  order_id: wireId,
  status: z.int(),
  create_time: z.string(),
  update_time: z.string(),
  openid: z.string().optional(),
  ext_info: z.object({ customer_notes: z.string().optional(), merchant_notes: z.string().optional() }).optional(),
  order_detail: z.object({
    product_infos: z.array(orderProductSchema),
    pay_info: z
      .object({
        pay_method: z.string().optional(),
        prepay_id: z.string().optional(),
        prepay_time: z.string().optional(),
        transaction_id: z.string().optional(),
        pay_time: z.string().optional(),
      })
      .optional(),
    price_info: z.object({
      product_price: fen,
      order_price: fen,
      freight: fen,
      discounted_price: fen.optional(),
      is_discounted: z.boolean().optional(),
    }),
    delivery_info: z.object({
      address_info: addressSchema.optional(),
      delivery_method: z.string().optional(),
      express_fee: z.array(z.object({ shipping_method: z.string(), distance: z.number().optional() })).optional(),
      pickup_address: z.looseObject({}).optional(),
      offline_delivery_time: epochSeconds.optional(),
      offline_pickup_time: epochSeconds.optional(),
      ship_done_time: epochSeconds.optional(),
      // One object in the old doc, a list in the newer one.
      delivery_product_info: z
        .union([z.array(deliveredParcelSchema), deliveredParcelSchema])
        .transform((parcels) => (Array.isArray(parcels) ? parcels : [parcels]))
        .optional(),
    }),
  }),
  aftersale_detail: z
    .object({
      aftersale_order_list: z.array(z.object({ aftersale_order_id: wireId })).default([]),
      on_aftersale_order_cnt: z.int().default(0),
    })
    .optional(),
});
/** Exactly one time pair: the real API answers an empty list when both are sent. */
export const orderListRequestSchema = z.object({
  start_create_time: z.string().optional(),
  end_create_time: z.string().optional(),
  start_update_time: z.string().optional(),
  end_update_time: z.string().optional(),
  status: z.int().optional(),
  page: z.int().min(1),
  page_size: z.int().min(1),
  source: z.int().default(1),
});
export const orderListResponseSchema = z.object({ orders: z.array(orderSchema).default([]), total_num: z.int() });
export const orderGetRequestSchema = z.object({ order_id: wireId });
export const orderGetResponseSchema = z.object({ order: orderSchema });

export const deliverySendRequestSchema = z.object({
  order_id: wireId,
  delivery_list: z
    .array(
      z.object({
        delivery_id: z.string().optional(),
        waybill_id: z.string().optional(),
        is_all_product: z.boolean().default(true),
        product_infos: z.array(parcelProductSchema).optional(),
      }),
    )
    .min(1),
});

const regionSchema = z.object({
  province_name: z.string().optional(),
  city_name: z.string().optional(),
  county_name: z.string().optional(),
});
export const freightTemplateSchema = z.object({
  template_id: wireId,
  name: z.string(),
  valuation_type: z.int(),
  send_time: z.int().optional(),
  address_info: regionSchema.optional(),
  delivery_type: z.int().optional(),
  delivery_id: z.array(z.string()).default([]),
  shipping_method: z.int().optional(),
  all_condition_free_detail: z
    .object({
      condition_free_detail_list: z.array(
        z.object({
          address_infos: z.array(regionSchema).default([]),
          min_piece: z.int().optional(),
          min_weight: z.number().optional(),
          min_amount: fen.optional(),
          valuation_flag: z.int().optional(),
          amount_flag: z.int().optional(),
        }),
      ),
    })
    .optional(),
  all_freight_calc_method: z
    .object({
      freight_calc_method_list: z.array(
        z.object({
          address_info: z.array(regionSchema).default([]),
          is_default: z.boolean().optional(),
          first_val_amount: z.number(),
          first_price: fen,
          second_val_amount: z.number(),
          second_price: fen,
        }),
      ),
    })
    .optional(),
  create_time: epochSeconds.optional(),
  update_time: epochSeconds.optional(),
  is_default: z.boolean().optional(),
  not_send_area: z.object({ address_info: z.array(regionSchema).default([]) }).optional(),
});
export const freightTemplateListResponseSchema = z.object({
  template_list: z.array(freightTemplateSchema).default([]),
});

/** `/product/category/get`: the platform categories under `f_cat_id` (0: the top level). */
export const categoryGetRequestSchema = z.object({ f_cat_id: wireId });
export const categoryListResponseSchema = z.object({
  cat_list: z.array(z.object({ cat_id: wireId, f_cat_id: wireId, name: z.string() })).default([]),
});

export const storeInfoResponseSchema = z.object({
  data: z.object({ store_name: z.string(), logo: z.string().optional(), type: z.int().optional() }),
});

export type WireSpu = z.input<typeof spuSchema>;
export type WireSku = z.input<typeof skuSchema>;
export type WireOrder = z.input<typeof orderSchema>;
export type WireFreightTemplate = z.input<typeof freightTemplateSchema>;
export type DeliverySendRequest = z.output<typeof deliverySendRequestSchema>;
export type OrderListRequest = z.output<typeof orderListRequestSchema>;
