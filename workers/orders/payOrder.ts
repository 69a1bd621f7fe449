import type { PaymentMethod, PaymentNotice } from '../../shared/api/payments';
import type { MemberContext } from '../members/memberContext';
import { findMember } from '../members/records/memberRecords';
import { pointsPercentOf } from '../members/records/tierRecords';
import { orderPoints } from '../members/rules/pointsByTier';
import { clock } from '../platform/clock';
import { isRefusal, type Refusal, refusal } from '../platform/refusal';
import { database } from '../records/db';
import { newId } from '../records/ids';
import { expectPayment, finishPayment } from './finishPayment';
import { openOrderById } from './openOrders';
import { closeUnpaid, skuIdsOf } from './orderLife';
import { MINISHOP_ORDER, ORDER_NOT_FOUND } from './orderRefusals';
import { paymentProvider } from './providers/paymentProvider';
import { findMemberOrder, type Order } from './records/orderRecords';
import { findPayment, insertPayment, latestPaymentOf, type Payment, refusePayment } from './records/paymentRecords';
import { payFromBalance, type Settlement, settleProviderPayment } from './records/paymentSettlement';
import { canMove, isPaid, isPastExpiry, wrongState } from './rules/orderStates';

/** Why a notification cannot pay its order: the order's state, or else the amount paid differs. */
const noticeRefusal = (order: Order | Refusal): string =>
  isRefusal(order) ? order.refused.code : order.status !== 'unpaid' ? `order_${order.status}` : 'amount_mismatch';

/**
 * The member's order as a payment finds it: refused when it is not the member's, is a
 * Mini-Shop order, or was cancelled or expired; expired here and now (as the alarm would) when
 * it is unpaid past its expiry. A paid order whose payment a failure left unfinished is
 * finished first.
 */
const payableOrder = async (member: MemberContext, orderId: string): Promise<Order | Refusal> => {
  const order = await findMemberOrder(database(member.env.DB), member.memberId, orderId);
  if (!order) return ORDER_NOT_FOUND;
  if (order.source !== 'mall') return MINISHOP_ORDER;
  if (isPaid(order.status)) {
    if (openOrderById(member.sql, orderId)) await finishPayment(member, orderId, skuIdsOf(order));
    return order;
  }
  if (isPastExpiry(order, clock.now())) {
    await closeUnpaid(member, orderId, skuIdsOf(order), 'expired');
    return wrongState('expired', 'it can no longer be paid');
  }
  return canMove(order.status, 'paid') ? order : wrongState(order.status, 'it can no longer be paid');
};

/** The order's pending provider payment, or a new one the provider was asked to collect. */
const providerPayment = async (member: MemberContext, order: Order): Promise<Payment> => {
  const db = database(member.env.DB);
  const pending = await latestPaymentOf(db, order.id, 'pending');
  if (pending) return pending;
  const paymentId = newId('pay');
  const collect = { paymentId, orderId: order.id, amount: order.payable, description: `mallsync order ${order.id}` };
  const created = await paymentProvider(member.env).create({ ...collect, expiresAt: order.expiresAt ?? clock.now() });
  const now = clock.now();
  return insertPayment(db, {
    id: paymentId,
    orderId: order.id,
    memberId: order.memberId,
    method: 'provider',
    amount: order.payable,
    status: 'pending',
    ...created,
    createdAt: now,
    updatedAt: now,
  });
};

/** What paying `order` by `paymentId` writes, with the points the member's tier earns for it. */
const settlementOf = async (member: MemberContext, order: Order, paymentId: string): Promise<Settlement> => {
  const db = database(member.env.DB);
  const found = await findMember(db, order.memberId);
  const percent = found ? await pointsPercentOf(db, found.tier) : 100;
  const points = orderPoints(order.payable, percent);
  return { paymentId, orderId: order.id, memberId: order.memberId, amount: order.payable, points, now: clock.now() };
};

/**
 * Pays one of the member's orders, from whichever channel asks, and answers the order with its
 * `payment`. By balance it is settled here and now; by provider a pending payment is opened (or
 * the one still pending reused) for the shopper to complete on the provider's page. An order
 * already paid is answered as it is, with the payment that paid it, so a retried pay never
 * charges twice.
 */
export const payOrder = async (
  member: MemberContext,
  orderId: string,
  method: PaymentMethod,
): Promise<(Order & { payment: Payment | null }) | Refusal> => {
  const db = database(member.env.DB);
  const order = await payableOrder(member, orderId);
  if (isRefusal(order)) return order;
  if (isPaid(order.status)) return { ...order, payment: await latestPaymentOf(db, orderId, 'succeeded') };
  if (method === 'provider') return { ...order, payment: await providerPayment(member, order) };
  const settlement = await settlementOf(member, order, newId('pay'));
  await expectPayment(member, orderId);
  if (!(await payFromBalance(db, settlement))) {
    return refusal(409, 'insufficient_balance', 'the balance is less than the order’s payable amount');
  }
  await finishPayment(member, orderId, skuIdsOf(order));
  const paid = await findMemberOrder(db, member.memberId, orderId);
  return { ...(paid ?? order), payment: await findPayment(db, settlement.paymentId) };
};

/**
 * Applies a verified provider notification to its pending payment: the order is paid if it
 * still can be, otherwise the payment is refused with the reason (the provider refunds it). A
 * payment already settled or refused is answered as it is, so a repeated notification changes
 * nothing.
 */
export const settlePayment = async (member: MemberContext, notice: PaymentNotice): Promise<Payment | Refusal> => {
  const db = database(member.env.DB);
  const payment = await findPayment(db, notice.paymentId);
  if (!payment || payment.memberId !== member.memberId) {
    return refusal(404, 'not_found', 'no such payment', 'paymentId');
  }
  if (payment.status !== 'pending') return payment;
  const order = await payableOrder(member, payment.orderId);
  if (isRefusal(order) || order.status !== 'unpaid' || notice.amount !== payment.amount) {
    await refusePayment(db, payment.id, noticeRefusal(order), clock.now());
  } else {
    const settlement = await settlementOf(member, order, payment.id);
    await expectPayment(member, order.id);
    if (await settleProviderPayment(db, settlement)) await finishPayment(member, order.id, skuIdsOf(order));
  }
  return (await findPayment(db, payment.id)) ?? payment;
};
