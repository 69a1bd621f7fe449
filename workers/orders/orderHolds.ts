import type { MemberContext } from '../members/memberContext';
import { database } from '../records/db';
import { forgetRefusedOrder, openOrderById } from './openOrders';
import { queuedOrder } from './orderOutbox';
import { orderStatusOf } from './records/orderRecords';
import { isClosed } from './rules/orderStates';

/**
 * Whether `orderId` still holds the stock a SKU room reserved for it (`holdChecks.ts`). It runs
 * as one of the member's operations, after any placement in progress, so an order being placed
 * is answered once it is stored in the order outbox or D1 (or refused). The order is looked up by id alone: a merge moves
 * orders to the surviving member. An open order with no record is a placement that died before
 * storing it (the object restarted, or the insert failed): it holds nothing, and is forgotten
 * with its key so that a replay of the key places the order afresh.
 */
export const holdsStock = async (member: MemberContext, orderId: string): Promise<boolean> => {
  // Queued on its way to D1: unpaid (anything that would move it flushes it first), so holding.
  if (queuedOrder(member, orderId)) return true;
  const status = await orderStatusOf(database(member.env.DB), orderId);
  if (status !== null) return !isClosed(status);
  const open = openOrderById(member.sql, orderId);
  if (open) forgetRefusedOrder(member.sql, open);
  return false;
};
