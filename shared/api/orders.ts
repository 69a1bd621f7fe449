import { z } from 'zod';
import { canonicalPhone } from '../../workers/members/rules/phoneNumbers';
import { CHANNELS } from '../channels';
import { ORDER_SOURCES, ORDER_STATUSES } from '../orders';
import { ID_PATTERN } from '../rooms';
import { deliverySchema } from './checkout';
import { eachOnce } from './eachOnce';
import { cursorSchema, pageLimitSchema } from './paging';
import { timeRangeFields, toAfterFrom } from './timeRange';

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
  /** How the order reaches the buyer (`shared/api/checkout.ts`); without it the order carries no freight. */
  delivery: deliverySchema.optional(),
  /** The token's channel decides; naming another is refused (`workers/edge/sessionChannel.ts`). */
  channel: z.enum(CHANNELS).optional(),
});

/** The `Idempotency-Key` header: replays with the same key return the first order. */
export const idempotencyKeySchema = z.string().trim().min(1).max(128);

export const orderIdParam = z.strictObject({ orderId: z.string().regex(ID_PATTERN, 'not a valid order id') });

/**
 * The back office's order search box: an order id, or the buyer's phone however it is written
 * (`+86 138 1234 5678`, `13812345678`, …; read as its E.164 form, as phones are stored).
 */
const orderSearch = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((text) => ({ orderId: text, phone: canonicalPhone(text) }));

/**
 * `GET /api/admin/orders`: filters (all optional), newest first by created time then id, `limit`
 * per page. `from`/`to` bound the created time (`shared/api/timeRange.ts`: a date is a day in China time).
 */
export const adminOrderQuerySchema = z
  .strictObject({
    status: z.enum(ORDER_STATUSES).optional(),
    channel: z.enum(CHANNELS).optional(),
    source: z.enum(ORDER_SOURCES).optional(),
    memberId: z.string().regex(ID_PATTERN, 'not a valid member id').optional(),
    ...timeRangeFields,
    q: orderSearch.optional(),
    limit: pageLimitSchema,
    cursor: cursorSchema.optional(),
  })
  .refine(toAfterFrom.check, toAfterFrom.message);

export type NewOrder = z.infer<typeof newOrderSchema>;
export type OrderLine = NewOrder['items'][number];
export type AdminOrderQuery = z.infer<typeof adminOrderQuerySchema>;
