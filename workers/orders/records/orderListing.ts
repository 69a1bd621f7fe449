import { and, desc, eq, lt, or } from 'drizzle-orm';
import { orders } from '../../../schema';
import { type AdminOrderQuery, orderCursor } from '../../../shared/api/orders';
import type { Database } from '../../records/db';

export type ListedOrder = typeof orders.$inferSelect;

/**
 * One page of every member's orders for the back office, newest first (ties broken by id, so
 * paging never skips or repeats an order), filtered by whatever the query names.
 */
export const listOrders = async (
  db: Database,
  query: AdminOrderQuery,
): Promise<{ orders: ListedOrder[]; nextCursor: string | null }> => {
  const after = query.cursor;
  const page = await db.query.orders.findMany({
    where: and(
      query.status === undefined ? undefined : eq(orders.status, query.status),
      query.channel === undefined ? undefined : eq(orders.channel, query.channel),
      query.source === undefined ? undefined : eq(orders.source, query.source),
      query.memberId === undefined ? undefined : eq(orders.memberId, query.memberId),
      after === undefined
        ? undefined
        : or(
            lt(orders.createdAt, after.createdAt),
            and(eq(orders.createdAt, after.createdAt), lt(orders.id, after.id)),
          ),
    ),
    orderBy: [desc(orders.createdAt), desc(orders.id)],
    limit: query.limit + 1,
  });
  const more = page.length > query.limit;
  const listed = more ? page.slice(0, query.limit) : page;
  const last = listed.at(-1);
  return { orders: listed, nextCursor: more && last ? orderCursor(last) : null };
};
