import { z } from 'zod';
import { CHANNELS } from '../channels';
import { ORDER_SOURCES, ORDER_STATUSES } from '../orders';
import { ID_PATTERN } from '../rooms';
import { eachOnce } from './eachOnce';

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
    .refine(
      eachOnce((i: { skuId: string }) => i.skuId),
      {
        message: 'each SKU once per order',
      },
    ),
  /** A coupon the member has claimed (the coupon's id, as claimed). */
  couponId: z.number().int().min(1).optional(),
  /** The token's channel decides; naming another is refused (`workers/edge/sessionChannel.ts`). */
  channel: z.enum(CHANNELS).optional(),
});

/** The `Idempotency-Key` header: replays with the same key return the first order. */
export const idempotencyKeySchema = z.string().trim().min(1).max(128);

export const orderIdParam = z.strictObject({ orderId: z.string().regex(ID_PATTERN, 'not a valid order id') });

/** A page position in the admin order list, `<createdAt>:<id>` of the last order listed. */
const ORDER_CURSOR = /^\d{1,15}:[A-Za-z0-9_-]{1,64}$/;

export const orderCursor = (order: { createdAt: number; id: string }): string => `${order.createdAt}:${order.id}`;

const cursor = z
  .string()
  .regex(ORDER_CURSOR, 'not a cursor from an earlier page')
  .transform((value) => {
    const colon = value.indexOf(':');
    return { createdAt: Number(value.slice(0, colon)), id: value.slice(colon + 1) };
  });

/** `GET /api/admin/orders`: filters (all optional), newest first, `limit` per page. */
export const adminOrderQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
  source: z.enum(ORDER_SOURCES).optional(),
  memberId: z.string().regex(ID_PATTERN, 'not a valid member id').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: cursor.optional(),
});

export type NewOrder = z.infer<typeof newOrderSchema>;
export type OrderLine = NewOrder['items'][number];
export type AdminOrderQuery = z.infer<typeof adminOrderQuerySchema>;
