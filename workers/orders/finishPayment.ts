import { publishSalesOfSkus } from '../catalog/publishSales';
import { commitStock } from '../catalog/stock/commitStock';
import { mirror } from '../members/accountMirror';
import { settleMemberTier } from '../members/ledger';
import type { MemberContext } from '../members/memberContext';
import type { AlarmTask } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { clearPaying, forgetOpenOrder, notePaying, payingOpenOrders } from './openOrders';
import { findMemberOrder } from './records/orderRecords';
import { isPaid } from './rules/orderStates';

/** The alarm task that finishes payments a failure interrupted. */
export const FINISH_TASK = 'finish-payments';
/** How soon after a payment began a failure that cut it off is looked for. */
export const FINISH_CHECK_MS = 3_000;

/**
 * Notes that a payment of `orderId` is about to be written, and asks the alarm to look soon
 * after: a payment written to D1 whose finish a crash cut off is then finished within seconds
 * (stock sold, every channel seeing the order paid and the new balance), not at the order's
 * expiry. A finished payment forgets its open order, and the note with it.
 */
export const expectPayment = async (member: MemberContext, orderId: string): Promise<void> => {
  notePaying(member.sql, orderId, clock.now());
  await member.schedule.runBy(FINISH_TASK, clock.now() + FINISH_CHECK_MS);
};

/**
 * What follows a payment, each step safe to repeat, so the finish alarm, a retried pay or the
 * expiry alarm finishes what a failure interrupted: the held units become sold, the tier is
 * settled for the points earned, every channel sees the order paid and the new points and
 * balance, shoppers of its products see their sales figures grow, and the order leaves the open
 * ones (expiry no longer touches it).
 */
export const finishPayment = async (member: MemberContext, orderId: string, skuIds: string[]): Promise<void> => {
  await commitStock(member.env, orderId, skuIds);
  await settleMemberTier(member);
  await mirror(member);
  await publishSalesOfSkus(member.env, skuIds);
  // Last: until now an interruption leaves the order open, and so finished again.
  forgetOpenOrder(member.sql, orderId);
};

/**
 * Finishes each noted payment whose order D1 holds paid; a note whose payment never got written
 * is dropped. The alarm runs between the member's operations, so no payment is being written now.
 */
const finishInterrupted = async (member: MemberContext): Promise<void> => {
  const db = database(member.env.DB);
  for (const open of payingOpenOrders(member.sql)) {
    const order = await findMemberOrder(db, member.memberId, open.orderId);
    if (order && isPaid(order.status)) await finishPayment(member, open.orderId, open.skuIds);
    else clearPaying(member.sql, open.orderId);
  }
};

export const finishTasks = (member: MemberContext): Record<string, AlarmTask> => ({
  [FINISH_TASK]: () => finishInterrupted(member),
});
