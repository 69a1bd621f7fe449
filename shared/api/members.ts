import { z } from 'zod';
import { ID_PATTERN } from '../rooms';
import { eachOnce } from './eachOnce';

export const memberId = z.string().regex(ID_PATTERN, 'not a valid member id');
const reason = z.string().trim().min(1).max(200);
const orderId = z.string().regex(ID_PATTERN, 'not a valid order id');

export const tierSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lowercase letters, digits, _ and - only'),
  title: z.string().trim().min(1).max(50),
  minPoints: z.number().int().min(0),
  pointsPercent: z.number().int().min(100).max(1000).optional(),
});

export const tagsSchema = z.strictObject({
  tags: z.array(z.string().trim().min(1).max(32)).max(50).refine(eachOnce(), { message: 'tags must be unique' }),
});

const delta = z
  .number()
  .int()
  .refine((n) => n !== 0, { message: 'must not be 0' });

/** An operator's points move; `byTier` multiplies a positive delta by the member tier's percentage. */
export const pointsAdjustmentSchema = z.strictObject({
  delta,
  reason,
  orderId: orderId.optional(),
  byTier: z.boolean().optional(),
});

/** An operator's balance move, in fen; the balance never goes below zero. */
export const balanceAdjustmentSchema = z.strictObject({ delta, reason, orderId: orderId.optional() });

export type TierDefinition = z.infer<typeof tierSchema>;
export type PointsAdjustment = z.infer<typeof pointsAdjustmentSchema>;
export type BalanceAdjustment = z.infer<typeof balanceAdjustmentSchema>;
