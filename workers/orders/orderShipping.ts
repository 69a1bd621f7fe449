import { mirror } from '../members/accountMirror';
import type { MemberContext } from '../members/memberContext';
import { clock } from '../platform/clock';
import type { Refusal } from '../platform/refusal';
import { database } from '../records/db';
import { MINISHOP_ORDER, ORDER_NOT_FOUND } from './orderRefusals';
import { findMemberOrder, type Order, orderStatusOf } from './records/orderRecords';
import { shipPaidOrder } from './records/shipmentRecords';
import { wrongState } from './rules/orderStates';

/**
 * Ships one of the member's paid mall orders with its parcel's carrier and waybill; every
 * channel's account document shows the parcel. A Mini-Shop order ships through its shop.
 */
export const shipOrder = async (
  member: MemberContext,
  orderId: string,
  parcel: { carrier: string | null; waybill: string | null },
): Promise<Order | Refusal> => {
  const db = database(member.env.DB);
  const order = await findMemberOrder(db, member.memberId, orderId);
  if (!order) return ORDER_NOT_FOUND;
  if (order.source !== 'mall') return MINISHOP_ORDER;
  if (!(await shipPaidOrder(db, orderId, parcel, clock.now()))) {
    return wrongState((await orderStatusOf(db, orderId)) ?? order.status, 'only a paid order can become shipped');
  }
  await mirror(member);
  return (await findMemberOrder(db, member.memberId, orderId)) ?? ORDER_NOT_FOUND;
};
