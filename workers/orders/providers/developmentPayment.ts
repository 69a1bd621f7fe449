import type { Env } from '../../env';
import { verifyNotification } from './notificationSignature';
import type { PaymentProvider } from './paymentProvider';

/** Where a developer (or a test) plays the shopper paying: README, "Paying in development". */
export const developmentPayUrl = (paymentId: string) => `/api/payments/dev/${paymentId}/complete`;

/**
 * Collects nothing: a payment is completed by `POST developmentPayUrl`, which signs the
 * notification with `PAYMENT_SECRET` and delivers it to the callback like a provider would.
 */
export const developmentPayment = (env: Env): PaymentProvider => ({
  create: async ({ paymentId }) => ({ providerRef: `dev_${paymentId}`, payUrl: developmentPayUrl(paymentId) }),
  verify: (body, signature) => verifyNotification(env.PAYMENT_SECRET, body, signature),
});
