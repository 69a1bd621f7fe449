import { publishSalesOfSkus } from '../catalog/publishSales';
import { commitStock } from '../catalog/stock/commitStock';
import { mirror } from '../members/accountMirror';
import { settleMemberTier } from '../members/ledger';
import type { MemberContext } from '../members/memberContext';
import { forgetOpenOrder } from './openOrders';

/**
 * What follows a payment, each step safe to repeat, so a retried pay or the expiry alarm
 * finishes what a failure interrupted: the held units become sold, the order leaves the open
 * ones (expiry no longer touches it), the tier is settled for the points earned, every
 * channel sees the order paid and the new points and balance, and shoppers of its products see
 * their sales figures grow.
 */
export const finishPayment = async (member: MemberContext, orderId: string, skuIds: string[]): Promise<void> => {
  await commitStock(member.env, orderId, skuIds);
  forgetOpenOrder(member.sql, orderId);
  await settleMemberTier(member);
  await mirror(member);
  await publishSalesOfSkus(member.env, skuIds);
};
