import type { Env } from '../../env';
import { developmentPayment } from './developmentPayment';
import { httpPayment } from './httpPayment';

/** What the provider is asked to collect: `amount` fen for one payment, payable until `expiresAt`. */
export interface PaymentRequest {
  paymentId: string;
  orderId: string;
  amount: number;
  expiresAt: number;
  description: string;
}

/** The provider's answer: its reference for the payment and where the shopper pays it. */
export interface ProviderPayment {
  providerRef: string;
  payUrl: string;
}

/**
 * A payment provider (WeChat Pay-like): it takes a payment request, the shopper pays on its
 * page, and it notifies `POST /api/payments/callback` with a signed body.
 */
export interface PaymentProvider {
  create(request: PaymentRequest): Promise<ProviderPayment>;
  /** Whether a notification's raw body is signed by this provider. */
  verify(body: string, signature: string | undefined): Promise<boolean>;
}

export const paymentProvider = (env: Env): PaymentProvider =>
  env.PAYMENT_PROVIDER === 'development' ? developmentPayment(env) : httpPayment(env);
