import type { Env } from '../../env';
import { verifyNotification } from './notificationSignature';
import type { PaymentProvider } from './paymentProvider';

interface CreatedPayment {
  id?: string;
  payUrl?: string;
}

/**
 * A payment gateway's HTTP API: `POST PAYMENT_API_URL/payments` with `Authorization: Bearer
 * PAYMENT_API_KEY` and `{reference, amount, currency, description, expiresAt, notifyUrl}`,
 * answering `{id, payUrl}`. The gateway stops taking the payment at `expiresAt` (the order's
 * expiry) and signs its notifications to `PAYMENT_NOTIFY_URL` with the shared `PAYMENT_SECRET`.
 */
export const httpPayment = (env: Env): PaymentProvider => ({
  create: async (request) => {
    if (!env.PAYMENT_API_URL || !env.PAYMENT_API_KEY || !env.PAYMENT_NOTIFY_URL) {
      throw new Error('PAYMENT_API_URL, PAYMENT_API_KEY and PAYMENT_NOTIFY_URL must be set');
    }
    const response = await fetch(`${env.PAYMENT_API_URL}/payments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.PAYMENT_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        reference: request.paymentId,
        amount: request.amount,
        currency: 'CNY',
        description: request.description,
        expiresAt: new Date(request.expiresAt).toISOString(),
        notifyUrl: env.PAYMENT_NOTIFY_URL,
      }),
    });
    if (!response.ok) throw new Error(`payment gateway answered ${response.status}`);
    const created = (await response.json()) as CreatedPayment;
    if (!created.id || !created.payUrl) throw new Error('payment gateway answered without id or payUrl');
    return { providerRef: created.id, payUrl: created.payUrl };
  },
  verify: (body, signature) => verifyNotification(env.PAYMENT_SECRET, body, signature),
});
