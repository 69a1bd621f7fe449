import { z } from 'zod';
import { CHANNELS } from '../channels';
import { eachOnce } from './eachOnce';

export const newCouponSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(100),
    kind: z.enum(['amount', 'percent']),
    /** Fen off for `amount`, percent off (1–99) for `percent`. */
    value: z.number().int().min(1),
    minSpend: z.number().int().min(0).optional(),
    startsAt: z.number().int().min(0),
    endsAt: z.number().int().min(0),
    totalQuantity: z.number().int().min(1).max(10_000_000),
    perMemberLimit: z.number().int().min(1).max(100).optional(),
    channels: z.array(z.enum(CHANNELS)).min(1).refine(eachOnce(), { message: 'channels must be unique' }).optional(),
  })
  .refine((c) => c.kind === 'amount' || c.value <= 99, { message: 'percent off is 1 to 99', path: ['value'] })
  .refine((c) => c.endsAt > c.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

export const couponIdParam = z.strictObject({ couponId: z.coerce.number().int().min(1) });

export type NewCoupon = z.infer<typeof newCouponSchema>;
