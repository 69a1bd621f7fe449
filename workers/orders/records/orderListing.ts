import { and, desc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { memberIdentities, orders } from '../../../schema';
import type { AdminOrderQuery } from '../../../shared/api/orders';
import { pageOf } from '../../../shared/api/paging';
import type { Database } from '../../records/db';
import type { Order } from './orderRecords';

/** The members holding `phone` (E.164) as a login: the buyers an operator means by that number. */
const buyersWithPhone = (db: Database, phone: string) =>
  db
    .select({ memberId: memberIdentities.memberId })
    .from(memberIdentities)
    .where(and(eq(memberIdentities.kind, 'phone'), eq(memberIdentities.appId, ''), eq(memberIdentities.value, phone)));

/**
 * One page of every member's orders for the back office, each with its lines, newest first (ties
 * broken by id, so paging never skips or repeats an order), filtered by whatever the query names.
 */
export const listOrders = async (
  db: Database,
  query: AdminOrderQuery,
): Promise<{ orders: Order[]; nextCursor: string | null }> => {
  const after = query.cursor;
  const search = query.q;
  const rows = await db.query.orders.findMany({
    where: and(
      query.status === undefined ? undefined : eq(orders.status, query.status),
      query.channel === undefined ? undefined : eq(orders.channel, query.channel),
      query.source === undefined ? undefined : eq(orders.source, query.source),
      query.memberId === undefined ? undefined : eq(orders.memberId, query.memberId),
      query.from === undefined ? undefined : gte(orders.createdAt, query.from),
      query.to === undefined ? undefined : lt(orders.createdAt, query.to),
      search === undefined
        ? undefined
        : or(
            eq(orders.id, search.orderId),
            search.phone === null ? undefined : inArray(orders.memberId, buyersWithPhone(db, search.phone)),
          ),
      after === undefined
        ? undefined
        : or(lt(orders.createdAt, after.at), and(eq(orders.createdAt, after.at), lt(orders.id, after.id))),
    ),
    orderBy: [desc(orders.createdAt), desc(orders.id)],
    limit: query.limit + 1,
    with: {
      items: { orderBy: (item, { asc }) => [asc(item.id)] },
      shipments: { orderBy: (shipment, { asc }) => [asc(shipment.shippedAt), asc(shipment.id)] },
    },
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (order) => ({ at: order.createdAt, id: order.id }));
  return { orders: page, nextCursor };
};
