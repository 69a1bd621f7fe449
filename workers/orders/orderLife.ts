import { releaseStock } from '../catalog/stock/reserveStock';
import { mirror } from '../members/accountMirror';
import type { MemberContext } from '../members/memberContext';
import type { AlarmTask } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { isRefusal, type Refusal, refusal } from '../platform/refusal';
import { database } from '../records/db';
import { finishPayment } from './finishPayment';
import { dueOpenOrders, forgetOpenOrder, nextExpiry } from './openOrders';
import { MINISHOP_ORDER, ORDER_NOT_FOUND } from './orderRefusals';
import { advanceOrder as moveInRecords } from './records/orderMoves';
import { closeOrder, findMemberOrder, type Order } from './records/orderRecords';
import { canMove, isClosed, isReleasable, type OrderMove } from './rules/orderStates';

/** The alarm task that expires the member's open orders that are due. */
const EXPIRY_TASK = 'expiry';

export const skuIdsOf = (order: Order): string[] => order.items.map((i) => i.skuId);

/** Asks the alarm schedule for the expiry task by the next open order's expiry (a sooner time asked for stays). */
export const expectExpiry = async (member: MemberContext): Promise<void> => {
  const next = nextExpiry(member.sql);
  if (next !== null) await expectExpiryBy(member, next);
};

/** The same for a new open order: every one before it has asked for its own expiry already. */
export const expectExpiryBy = (member: MemberContext, expiresAt: number): Promise<void> =>
  member.schedule.runBy(EXPIRY_TASK, expiresAt);

/**
 * Releases an order's stock, closes its record (handing the coupon back) and forgets it here.
 * Each step may be repeated, so an interrupted close is finished by the expiry alarm.
 */
export const closeUnpaid = async (
  member: MemberContext,
  orderId: string,
  skuIds: string[],
  status: 'cancelled' | 'expired',
): Promise<void> => {
  await releaseStock(member.env, orderId, skuIds);
  await closeOrder(database(member.env.DB), orderId, status, clock.now());
  forgetOpenOrder(member.sql, orderId);
  await mirror(member);
};

/**
 * Closes the open orders that are due: expired, unless they were paid (a payment a failure left
 * unfinished is finished instead). Then asks for the next expiry.
 */
const expireDueOrders = async (member: MemberContext): Promise<void> => {
  // Closing writes to the order in D1: an order still queued must be there first.
  await member.orderOutbox.flush();
  const db = database(member.env.DB);
  for (const open of dueOpenOrders(member.sql, clock.now())) {
    const order = await findMemberOrder(db, member.memberId, open.orderId);
    if (!order || isReleasable(order.status)) await closeUnpaid(member, open.orderId, open.skuIds, 'expired');
    else await finishPayment(member, open.orderId, open.skuIds);
  }
  await expectExpiry(member);
};

/**
 * The expiry task for the object's alarm. It is asked for here too: objects from before the alarm
 * schedule noted their open orders only in their own table.
 */
export const expiryTasks = async (member: MemberContext): Promise<Record<string, AlarmTask>> => {
  await expectExpiry(member);
  return { [EXPIRY_TASK]: () => expireDueOrders(member) };
};

/** Cancels an unpaid order; cancelling a closed one again returns it as it is. */
export const cancelOrder = async (member: MemberContext, orderId: string): Promise<Order | Refusal> => {
  const db = database(member.env.DB);
  const order = await findMemberOrder(db, member.memberId, orderId);
  if (!order) return ORDER_NOT_FOUND;
  if (isClosed(order.status)) return order;
  if (!canMove(order.status, 'cancelled')) {
    return refusal(409, 'not_cancellable', `a ${order.status} order cannot be cancelled`);
  }
  await closeUnpaid(member, orderId, skuIdsOf(order), 'cancelled');
  return (await findMemberOrder(db, member.memberId, orderId)) ?? ORDER_NOT_FOUND;
};

/**
 * Moves one of the member's mall orders a step along its life (`orderStates.ts`); every channel
 * sees it. A Mini-Shop order moves at the Mini-Shop and arrives here by sync (shipping goes
 * through its shop instead).
 */
export const advanceOrder = async (
  member: MemberContext,
  orderId: string,
  move: OrderMove,
): Promise<Order | Refusal> => {
  const db = database(member.env.DB);
  const order = await findMemberOrder(db, member.memberId, orderId);
  if (!order) return ORDER_NOT_FOUND;
  if (order.source !== 'mall') return MINISHOP_ORDER;
  const moved = await moveInRecords(db, orderId, move.from, move.to, clock.now());
  if (isRefusal(moved)) return moved;
  await mirror(member);
  return (await findMemberOrder(db, member.memberId, orderId)) ?? ORDER_NOT_FOUND;
};
