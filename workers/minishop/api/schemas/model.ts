import { z } from 'zod';

/**
 * The source-neutral shapes sync logic works with. Each adapter (Mini-Shop today, the WeChat
 * Store `/channels/ec/*` API later) maps its wire format to these, so sync never sees a wire type.
 * Ids are strings (they exceed 2^53); money is integer fen; times are epoch milliseconds.
 */
export const sourceSkuSchema = z.object({
  skuId: z.string(),
  productId: z.string(),
  outSkuId: z.string().optional(),
  price: z.int(),
  marketPrice: z.int().optional(),
  stock: z.int(),
  skuCode: z.string().optional(),
  attrs: z.array(z.object({ key: z.string(), value: z.string() })),
  /** The URL of the SKU's own picture at the source. */
  image: z.string().optional(),
});

/** One level of a product's category at the source, from the top (level 1) down: its id only. */
export const sourceCategorySchema = z.object({ categoryId: z.string(), level: z.int() });

/** A category of the source platform with its name; `parentId` null at the top level. */
export const platformCategorySchema = z.object({
  categoryId: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
});

/** Only products on sale or delisted by the merchant are synced (docs/minishop-api.md). */
export const sourceProductStatus = z.enum(['on_sale', 'delisted']);

export const sourceProductSchema = z.object({
  productId: z.string(),
  outProductId: z.string().optional(),
  title: z.string(),
  subTitle: z.string().optional(),
  images: z.array(z.string()),
  /** The description's text and its pictures' URLs, in order. */
  description: z.object({ text: z.string(), images: z.array(z.string()) }),
  categories: z.array(sourceCategorySchema),
  /** Facts about the whole product (e.g. 品牌: 晨光), in order. */
  attributes: z.array(z.object({ key: z.string(), value: z.string() })),
  status: sourceProductStatus,
  skus: z.array(sourceSkuSchema),
});

export const sourceOrderStatus = z.enum([
  'unpaid',
  'to_ship',
  'partly_shipped',
  'shipped',
  'completed',
  'cancelled_after_sale',
  'cancelled',
  'unknown',
]);
export const deliveryKind = z.enum(['express', 'same_city', 'pickup']);

export const parcelItemSchema = z.object({ productId: z.string(), skuId: z.string(), quantity: z.int().positive() });

const regionModel = z.object({
  provinceName: z.string().nullable(),
  cityName: z.string().nullable(),
  countyName: z.string().nullable(),
});

/** The buyer's address, under the names the mall's address book uses (`shared/checkout.ts`). */
export const sourceAddressSchema = z.object({
  userName: z.string(),
  telNumber: z.string(),
  provinceName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  streetName: z.string().nullable(),
  detailInfo: z.string(),
  postalCode: z.string().nullable(),
  nationalCode: z.string().nullable(),
});

export const sourcePickupPointSchema = z.object({ name: z.string(), detailInfo: z.string() });

export const sourceOrderSchema = z.object({
  orderId: z.string(),
  status: sourceOrderStatus,
  /** The source's own status code, kept because unknown codes are opaque. */
  sourceStatus: z.int(),
  deliveryKind,
  address: sourceAddressSchema.nullable(),
  pickupPoint: sourcePickupPointSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  paidAt: z.number().optional(),
  buyerOpenId: z.string().optional(),
  items: z.array(
    z.object({
      productId: z.string(),
      skuId: z.string(),
      title: z.string(),
      quantity: z.int(),
      price: z.int(),
      openAfterSale: z.int(),
      finishedAfterSale: z.int(),
    }),
  ),
  price: z.object({ products: z.int(), freight: z.int(), total: z.int(), discount: z.int() }),
  openAfterSales: z.int(),
  parcels: z.array(
    z.object({
      deliveryId: z.string().optional(),
      waybillId: z.string().optional(),
      shippedAt: z.number().optional(),
      items: z.array(parcelItemSchema),
    }),
  ),
});

/** One parcel to push back. Express needs carrier and waybill; same-city and pickup send neither. */
export const shipmentSchema = z.object({
  deliveryId: z.string().optional(),
  waybillId: z.string().optional(),
  /** Absent: the whole order ships in this parcel. */
  items: z.array(parcelItemSchema).optional(),
});

export const freightTemplateModelSchema = z.object({
  templateId: z.string(),
  name: z.string(),
  valuation: z.enum(['piece', 'weight']),
  isDefault: z.boolean(),
  rules: z.object({
    free: z.boolean(),
    charges: z.array(
      z.object({
        regions: z.array(regionModel),
        isDefault: z.boolean(),
        firstUnits: z.number(),
        firstPrice: z.int(),
        nextUnits: z.number(),
        nextPrice: z.int(),
      }),
    ),
    freeWhen: z.array(
      z.object({ regions: z.array(regionModel), minUnits: z.number().nullable(), minAmount: z.int().nullable() }),
    ),
    noDelivery: z.array(regionModel),
  }),
});

export const shopInfoSchema = z.object({ name: z.string(), logo: z.string().optional() });

export type SourceSku = z.infer<typeof sourceSkuSchema>;
export type SourceCategory = z.infer<typeof sourceCategorySchema>;
export type PlatformCategory = z.infer<typeof platformCategorySchema>;
export type SourceProduct = z.infer<typeof sourceProductSchema>;
export type SourceOrder = z.infer<typeof sourceOrderSchema>;
export type SourceOrderStatus = z.infer<typeof sourceOrderStatus>;
export type DeliveryKind = z.infer<typeof deliveryKind>;
export type Shipment = z.infer<typeof shipmentSchema>;
export type FreightTemplate = z.infer<typeof freightTemplateModelSchema>;
export type ShopInfo = z.infer<typeof shopInfoSchema>;
