import type { AccountContents } from '../../shared/docs/account';
import { orderSummaryOf } from '../../shared/docs/account';
import type { Env } from '../env';
import type { MemberContext } from '../members/memberContext';
import { monitorRoomOf } from '../monitor/roomFeed';
import type { AlarmSchedule } from '../platform/alarmSchedule';
import { SqlOutbox } from '../platform/sqlOutbox';
import { database } from '../records/db';
import { orderRecorderOf } from './OrderRecorder';
import { findMemberOrder, LISTED_ORDERS, memberOrders, type Order, type OrderWrite } from './records/orderRecords';

/** How long a placed order may wait in its member's outbox for the flush that writes it to D1. */
export const ORDER_FLUSH_MS = 300;
/** How soon a failed flush is tried again. */
const ORDER_RETRY_MS = 1000;

/** The member's orders accepted but not yet in D1, durable in the member object's SQLite. */
export type OrderOutbox = SqlOutbox<OrderWrite>;

/**
 * The member object's order outbox: an order is durable here in the turn it is accepted and
 * reaches D1 with the others waiting, through an order recorder that batches many members'
 * flushes together (`OrderRecorder.ts`). Until D1 has it, every read of the member's orders
 * answers it from here; anything that changes an order in D1 flushes first.
 */
export const orderOutboxOf = (
  storage: DurableObjectStorage,
  schedule: AlarmSchedule,
  env: Env,
  memberId: string,
): OrderOutbox =>
  new SqlOutbox<OrderWrite>(storage, schedule, 'orders', {
    send: async (writes) => {
      try {
        const refused = await orderRecorderOf(env, memberId).record(writes);
        if (refused !== null) throw new Error(`D1 refused the orders: ${refused}`);
      } catch (error) {
        // The orders check asks the members on its look-again list, rather than every member (`consistency.ts`).
        await monitorRoomOf(env)
          .lookAgain('orders', [memberId])
          .catch((signal: unknown) => console.error('order outbox signal', signal));
        throw error;
      }
    },
    flushAfterMs: ORDER_FLUSH_MS,
    retryMs: ORDER_RETRY_MS,
  });

/** What the orders consistency check asks a member: how many orders wait for D1, since when. */
export interface OrderOutboxAudit {
  queued: number;
  oldestQueuedAt: number | null;
}

export const orderOutboxAudit = (outbox: OrderOutbox): OrderOutboxAudit => ({
  queued: outbox.size,
  oldestQueuedAt: outbox.oldestQueuedAt(),
});

/** One of the member's orders still on its way to D1; null when it is not queued. */
export const queuedOrder = (member: MemberContext, orderId: string): Order | null =>
  member.orderOutbox.queued().find((w) => w.order.id === orderId)?.order ?? null;

/** The coupon claims locked by orders still on their way to D1 (D1 shows them claimed until then). */
export const claimsLockedInQueue = (member: MemberContext): number[] =>
  member.orderOutbox.queued().flatMap((w) => (w.claimId === null ? [] : [w.claimId]));

/**
 * One of the member's orders, queued or in D1. The queue is read first: a flush that lands
 * meanwhile has written the order to D1 before taking it off the queue.
 */
export const memberOrder = async (member: MemberContext, orderId: string): Promise<Order | null> =>
  queuedOrder(member, orderId) ?? (await findMemberOrder(database(member.env.DB), member.memberId, orderId));

/** The member's latest orders, newest first, those still queued included. */
export const listedOrders = async (member: MemberContext): Promise<Order[]> => {
  const queued = member.orderOutbox.queued().map((w) => w.order);
  const stored = await memberOrders(database(member.env.DB), member.memberId);
  const storedIds = new Set(stored.map((o) => o.id));
  return [...stored, ...queued.filter((o) => !storedIds.has(o.id))]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, LISTED_ORDERS);
};

/**
 * What the account document shows, with the orders still queued (read before `contents` was)
 * added and the coupon claims they lock shown locked.
 */
export const withQueuedOrders = (contents: AccountContents, queued: OrderWrite[]): AccountContents => {
  const orders = { ...contents.orders };
  const coupons = { ...contents.coupons };
  for (const { order, claimId } of queued) {
    orders[order.id] ??= orderSummaryOf(order);
    const coupon = claimId === null ? undefined : coupons[String(claimId)];
    if (coupon?.status === 'claimed') coupons[String(claimId)] = { ...coupon, status: 'locked' };
  }
  return { ...contents, orders, coupons };
};
