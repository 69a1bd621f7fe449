import { env, SELF } from 'cloudflare:test';
import type { Session } from '../../shared/api/auth';
import type { PaymentMethod } from '../../shared/api/payments';
import { PAYMENT_SIGNATURE_HEADER, signNotification } from '../../workers/orders/providers/notificationSignature';
import type { Order } from '../../workers/orders/records/orderRecords';
import type { Payment } from '../../workers/orders/records/paymentRecords';
import { adjust } from './account';
import { shopper } from './members';
import { placedOrder } from './orders';

/** What `POST /api/orders/:id/pay` answers: the order, with the payment that call made or found. */
export type PayAnswer = Order & { payment: Payment | null };

export const payOrder = (token: string | undefined, orderId: string, method: PaymentMethod | unknown) =>
  shopper('POST', `/api/orders/${orderId}/pay`, { method }, token);

/** The development provider's "the shopper paid": a signed notification through the callback. */
export const completePayment = (paymentId: string) => shopper('POST', `/api/payments/dev/${paymentId}/complete`);

/**
 * Posts a notification to the callback as the provider would: `body` signed with the test
 * `PAYMENT_SECRET` unless a `signature` (or `null`: none) is given.
 */
export const notifyPayment = async (body: unknown, signature?: string | null) => {
  const raw = JSON.stringify(body);
  const signed = signature === undefined ? await signNotification(env.PAYMENT_SECRET, raw) : signature;
  return SELF.fetch('http://hub/api/payments/callback', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(signed === null ? {} : { [PAYMENT_SIGNATURE_HEADER]: signed }) },
    body: raw,
  });
};

/**
 * An order of one `skuId` the member placed on its token's channel (with whatever else `order`
 * names, a delivery say) and paid from a balance topped up for it.
 */
export const paidOrder = async (
  member: Session,
  skuId: string,
  order: Record<string, unknown> = {},
): Promise<Order> => {
  const placed = await placedOrder(member.token, { items: [{ skuId, qty: 1 }], ...order });
  return paidInFull(member, placed);
};

/** Pays the member's placed order from a balance topped up for it. */
export const paidInFull = async (member: Session, order: Order): Promise<Order> => {
  await adjust(member.memberId, 'balance', { delta: order.payable, reason: 'top-up' });
  const response = await payOrder(member.token, order.id, 'balance');
  if (response.status !== 200) throw new Error(`payment failed: ${response.status} ${await response.text()}`);
  return response.json<PayAnswer>();
};
