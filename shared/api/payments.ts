import { z } from 'zod';
import { PAYMENT_METHODS } from '../orders';
import { ID_PATTERN } from '../rooms';

const paymentId = z.string().regex(ID_PATTERN, 'not a valid payment id');

/** `POST /api/orders/:id/pay`: from the balance at once, or a provider payment to complete. */
export const payOrderSchema = z.strictObject({ method: z.enum(PAYMENT_METHODS) });

/** What the payment provider notifies, signed: the payment it collected and how much (fen). */
export const paymentNoticeSchema = z.strictObject({
  paymentId,
  amount: z.number().int().min(0),
});

export const paymentIdParam = z.strictObject({ paymentId });

export type PaymentMethod = z.infer<typeof payOrderSchema>['method'];
export type PaymentNotice = z.infer<typeof paymentNoticeSchema>;
