import { z } from 'zod';
import { CHANNELS } from '../channels';
import { ID_PATTERN } from '../rooms';

const MAX_ORDER_LINES = 50;

export const newOrderSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        skuId: z.string().regex(ID_PATTERN, 'not a valid SKU id'),
        qty: z.number().int().min(1).max(999),
      }),
    )
    .min(1)
    .max(MAX_ORDER_LINES)
    .refine((items) => new Set(items.map((i) => i.skuId)).size === items.length, {
      message: 'each SKU once per order',
    }),
  /** A coupon the member has claimed (the coupon's id, as claimed). */
  couponId: z.number().int().min(1).optional(),
  channel: z.enum(CHANNELS),
});

/** The `Idempotency-Key` header: replays with the same key return the first order. */
export const idempotencyKeySchema = z.string().trim().min(1).max(128);

export const orderIdParam = z.strictObject({ orderId: z.string().regex(ID_PATTERN, 'not a valid order id') });

export type NewOrder = z.infer<typeof newOrderSchema>;
export type OrderLine = NewOrder['items'][number];
