import { z } from 'zod';
import { ID_PATTERN } from '../rooms';
import { postalAddressSchema } from './addresses';
import { phone } from './auth';

const addressId = z.string().regex(ID_PATTERN, 'not a valid address id');

/** Express and same-city need an address: one of the book's (`addressId`) or one given inline. */
const deliveredTo = <Kind extends 'express' | 'same_city'>(kind: Kind) =>
  z
    .strictObject({ kind: z.literal(kind), addressId: addressId.optional(), address: postalAddressSchema.optional() })
    .superRefine((delivery, ctx) => {
      if (delivery.addressId === undefined && delivery.address === undefined)
        ctx.addIssue({ code: 'custom', path: ['address'], message: `${kind} needs an addressId or an address` });
      if (delivery.addressId !== undefined && delivery.address !== undefined)
        ctx.addIssue({ code: 'custom', path: ['address'], message: 'give an addressId or an address, not both' });
    });

/** An order's `delivery`: how it reaches the buyer (`shared/checkout.ts`). */
export const deliverySchema = z.discriminatedUnion('kind', [
  deliveredTo('express'),
  deliveredTo('same_city'),
  z.strictObject({
    kind: z.literal('self_pickup'),
    pickupPointId: z.string().regex(ID_PATTERN, 'not a valid pickup point id'),
  }),
]);

const place = z.string().trim().min(1).max(50);

/** `POST /api/admin/pickup-points`: where self-pickup orders are collected. */
export const newPickupPointSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  provinceName: place,
  cityName: place,
  countyName: place,
  detailInfo: z.string().trim().min(1).max(200),
  telNumber: phone.nullish(),
});

export const pickupPointPatchSchema = newPickupPointSchema.partial();

export const pickupPointIdParam = z.strictObject({
  pointId: z.string().regex(ID_PATTERN, 'not a valid pickup point id'),
});

/** `PUT /api/admin/products/:productId/freight`: a unified amount in fen, or a freight template. */
export const productFreightSchema = z.union([
  z.strictObject({ freight: z.int().min(0).max(1_000_000) }),
  z.strictObject({ templateId: z.string().regex(ID_PATTERN, 'not a valid template id') }),
]);

export const productIdParam = z.strictObject({ productId: z.string().regex(ID_PATTERN, 'not a valid product id') });

export type Delivery = z.output<typeof deliverySchema>;
/** A `delivery` as a client writes it (an inline address as the address picker gives it). */
export type DeliveryRequest = z.input<typeof deliverySchema>;
export type NewPickupPoint = z.output<typeof newPickupPointSchema>;
export type PickupPointPatch = z.output<typeof pickupPointPatchSchema>;
