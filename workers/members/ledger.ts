import type { BalanceAdjustment, PointsAdjustment } from '../../shared/api/members';
import type { Assets } from '../../shared/docs/account';
import { queuedOrder } from '../orders/orderOutbox';
import { ORDER_NOT_FOUND } from '../orders/orderRefusals';
import { isMemberOrder } from '../orders/records/orderRecords';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import { database } from '../records/db';
import { assetsAfterMirror } from './accountMirror';
import type { MemberContext } from './memberContext';
import { appendLedger, ledgerTotals } from './records/ledgerRecords';
import { findMember, setMemberTags } from './records/memberRecords';
import { pointsPercentOf, settleTier } from './records/tierRecords';
import { atTierPercent, movesByTier } from './rules/pointsByTier';

/**
 * A ledger row may name an order only if it is one of the member's. The row refers to the order
 * in D1, so one still in the order outbox is written there first.
 */
const namesOtherOrder = async (member: MemberContext, orderId: string | undefined): Promise<boolean> => {
  if (orderId === undefined) return false;
  if (queuedOrder(member, orderId)) {
    await member.orderOutbox.flush();
    return false;
  }
  return !(await isMemberOrder(database(member.env.DB), member.memberId, orderId));
};

/** Puts the member in the highest tier its earned points reach (spending never demotes). */
export const settleMemberTier = async (member: MemberContext): Promise<void> => {
  const db = database(member.env.DB);
  await settleTier(db, member.memberId, (await ledgerTotals(db, member.memberId)).earnedPoints);
};

/** An operator's points move (by the member's tier when asked), never below zero, then the tier. */
export const adjustPoints = async (
  member: MemberContext,
  adjustment: PointsAdjustment,
  operator: string,
): Promise<Assets | Refusal> => {
  const db = database(member.env.DB);
  const found = await findMember(db, member.memberId);
  if (!found) return refusal(404, 'not_found', 'member not found', 'memberId');
  if (await namesOtherOrder(member, adjustment.orderId)) return ORDER_NOT_FOUND;
  const percent = movesByTier(adjustment) ? await pointsPercentOf(db, found.tier) : 100;
  const delta = atTierPercent(adjustment.delta, percent);
  const entry = { memberId: member.memberId, delta, reason: adjustment.reason, orderId: adjustment.orderId, operator };
  if (!(await appendLedger(db, 'points', entry, clock.now()))) {
    return refusal(409, 'insufficient_points', 'points cannot go below zero', 'delta');
  }
  await settleMemberTier(member);
  return assetsAfterMirror(member);
};

/** An operator's balance move, in fen, never below zero. */
export const adjustBalance = async (
  member: MemberContext,
  adjustment: BalanceAdjustment,
  operator: string,
): Promise<Assets | Refusal> => {
  if (await namesOtherOrder(member, adjustment.orderId)) return ORDER_NOT_FOUND;
  const entry = { memberId: member.memberId, ...adjustment, operator };
  if (!(await appendLedger(database(member.env.DB), 'balance', entry, clock.now()))) {
    return refusal(409, 'insufficient_balance', 'the balance cannot go below zero', 'delta');
  }
  return assetsAfterMirror(member);
};

export const setTags = async (member: MemberContext, tags: string[]): Promise<Assets | Refusal> => {
  await setMemberTags(database(member.env.DB), member.memberId, tags);
  return assetsAfterMirror(member);
};
