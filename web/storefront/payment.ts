import type { Storefront } from '../../sdk/src/storefront';
import type { PaymentMethod } from '../../shared/api/payments';
import { goTo, pageOrigin } from './browserPage';

/**
 * Pays an order. From the balance it is paid at once. Through the provider the shopper completes
 * the payment at its `payUrl`: a gateway's page elsewhere is opened; the development provider's
 * address on the hub itself is POSTed, which plays the shopper paying (README, "Paying in
 * development"). Answers whether the payment is complete here.
 */
export const payOrder = async (storefront: Storefront, orderId: string, method: PaymentMethod): Promise<boolean> => {
  const paid = await storefront.pay(orderId, method);
  const payUrl = paid.payment?.payUrl;
  if (method === 'balance' || !payUrl) return true;
  const target = new URL(payUrl, pageOrigin());
  if (target.origin !== pageOrigin()) {
    goTo(target.href);
    return false;
  }
  const response = await fetch(target.href, { method: 'POST' });
  if (!response.ok) throw new Error(`The payment was not completed (HTTP ${response.status}).`);
  return true;
};
