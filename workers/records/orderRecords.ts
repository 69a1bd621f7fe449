import { and, eq } from 'drizzle-orm';
import { orders } from '../../schema';
import type { Database } from './db';

/** Whether `orderId` is one of the member's orders. */
export const isMemberOrder = async (db: Database, memberId: string, orderId: string): Promise<boolean> =>
  (await db.query.orders.findFirst({
    columns: { id: true },
    where: and(eq(orders.id, orderId), eq(orders.memberId, memberId)),
  })) !== undefined;
