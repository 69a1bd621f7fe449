import { and, desc, eq } from 'drizzle-orm';
import { payments } from '../../../schema';
import type { Payment } from '../../../shared/api/orderRecord';
import type { Database } from '../../records/db';

export type { Payment } from '../../../shared/api/orderRecord';

export const findPayment = async (db: Database, paymentId: string): Promise<Payment | null> =>
  (await db.query.payments.findFirst({ where: eq(payments.id, paymentId) })) ?? null;

/** The order's newest payment in `status`: the pending one to complete, or the one that paid it. */
export const latestPaymentOf = async (
  db: Database,
  orderId: string,
  status: Payment['status'],
): Promise<Payment | null> =>
  (await db.query.payments.findFirst({
    where: and(eq(payments.orderId, orderId), eq(payments.status, status)),
    orderBy: desc(payments.createdAt),
  })) ?? null;

export const insertPayment = async (db: Database, payment: typeof payments.$inferInsert): Promise<Payment> => {
  const [row] = await db.insert(payments).values(payment).returning();
  if (!row) throw new Error('payment was not stored');
  return row;
};

/** Marks a pending payment refused, with the reason; a settled one stays as it is. */
export const refusePayment = async (db: Database, paymentId: string, reason: string, now: number): Promise<void> => {
  await db
    .update(payments)
    .set({ status: 'refused', reason, updatedAt: now })
    .where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
};
