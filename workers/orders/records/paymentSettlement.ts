import { and, eq, exists, not, sql } from 'drizzle-orm';
import { balanceLedger, memberCoupons, orders, payments, pointsLedger } from '../../../schema';
import { ledgerInsert } from '../../members/records/ledgerRecords';
import type { Database } from '../../records/db';
import { orderTransition } from './orderMoves';

/** Ledger reasons of a paid order: the balance debit, and the points it earns. */
export const ORDER_PAYMENT = 'order payment';
export const ORDER_POINTS = 'order points';

/** What settling a payment needs to know, all fixed before the batch runs. */
export interface Settlement {
  paymentId: string;
  orderId: string;
  memberId: string;
  amount: number;
  points: number;
  now: number;
}

const unpaid = (db: Database, orderId: string) =>
  exists(
    db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.status, 'unpaid'))),
  );

/** Whether the order's row with `reason` is in the ledger. */
const ledgerHas = (db: Database, ledger: typeof balanceLedger | typeof pointsLedger, orderId: string, reason: string) =>
  exists(
    db
      .select({ id: ledger.id })
      .from(ledger)
      .where(and(eq(ledger.orderId, orderId), eq(ledger.reason, reason))),
  );

/**
 * What follows a payment that succeeded in the same batch: the order becomes paid, its coupon
 * used, and the points it earns are credited. Each statement is guarded by the payment having
 * succeeded, and the points by none having been credited for the order, so a replayed batch
 * adds nothing.
 */
const settlement = (db: Database, s: Settlement) => {
  const succeeded = exists(
    db
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.id, s.paymentId), eq(payments.status, 'succeeded'))),
  );
  const points = {
    memberId: s.memberId,
    delta: s.points,
    reason: ORDER_POINTS,
    orderId: s.orderId,
    operator: 'system',
  };
  return [
    orderTransition(db, s.orderId, 'unpaid', 'paid', s.now, { set: { paidAt: s.now }, when: succeeded }),
    db
      .update(memberCoupons)
      .set({ status: 'used' })
      .where(and(eq(memberCoupons.orderId, s.orderId), eq(memberCoupons.status, 'locked'), succeeded)),
    ...(s.points > 0
      ? [
          ledgerInsert(
            db,
            'points',
            points,
            s.now,
            and(succeeded, not(ledgerHas(db, pointsLedger, s.orderId, ORDER_POINTS))),
          ),
        ]
      : []),
  ] as const;
};

/**
 * Pays an unpaid order from the member's balance in one D1 batch: the balance debit (refused,
 * writing nothing, when the balance is short or the order is no longer unpaid), a succeeded
 * `balance` payment only if the debit was written, then the settlement. A replay finds the order
 * paid and writes nothing, so the member is charged once. True when this call paid the order.
 */
export const payFromBalance = async (db: Database, s: Settlement): Promise<boolean> => {
  const debit = { memberId: s.memberId, delta: -s.amount, reason: ORDER_PAYMENT, orderId: s.orderId };
  const [debited] = await db.batch([
    ledgerInsert(db, 'balance', { ...debit, operator: `member:${s.memberId}` }, s.now, unpaid(db, s.orderId)),
    db.insert(payments).select(
      db
        .select({
          id: sql<string>`${s.paymentId}`.as('id'),
          orderId: orders.id,
          memberId: orders.memberId,
          method: sql<'balance'>`'balance'`.as('method'),
          amount: sql<number>`${s.amount}`.as('amount'),
          status: sql<'succeeded'>`'succeeded'`.as('status'),
          providerRef: sql<null>`NULL`.as('provider_ref'),
          payUrl: sql<null>`NULL`.as('pay_url'),
          reason: sql<null>`NULL`.as('reason'),
          createdAt: sql<number>`${s.now}`.as('created_at'),
          updatedAt: sql<number>`${s.now}`.as('updated_at'),
        })
        .from(orders)
        .where(
          and(
            eq(orders.id, s.orderId),
            eq(orders.status, 'unpaid'),
            ledgerHas(db, balanceLedger, s.orderId, ORDER_PAYMENT),
          ),
        ),
    ),
    ...settlement(db, s),
  ]);
  return debited.length > 0;
};

/**
 * Settles a provider payment its verified notification confirmed, in one D1 batch: the payment
 * succeeds only while it is pending and its order unpaid, then the settlement follows. True when
 * this call paid the order.
 */
export const settleProviderPayment = async (db: Database, s: Settlement): Promise<boolean> => {
  const [succeeded] = await db.batch([
    db
      .update(payments)
      .set({ status: 'succeeded', updatedAt: s.now })
      .where(and(eq(payments.id, s.paymentId), eq(payments.status, 'pending'), unpaid(db, s.orderId)))
      .returning({ id: payments.id }),
    ...settlement(db, s),
  ]);
  return succeeded.length > 0;
};
