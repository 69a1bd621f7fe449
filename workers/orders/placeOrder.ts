import type { NewOrder } from '../../shared/api/orders';
import type { Channel } from '../../shared/channels';
import { releaseStock, reserveStock } from '../catalog/stock/reserveStock';
import { mirrorPlacedOrder } from '../members/accountMirror';
import { removeFromCart } from '../members/memberContents';
import { accountDoc, type MemberContext, memberDoc } from '../members/memberContext';
import { couponForOrder } from '../members/records/couponRecords';
import { orderingRefusal, orderingRefusalNow } from '../members/standing';
import { clock } from '../platform/clock';
import { isRefusal, type Refusal } from '../platform/refusal';
import { database } from '../records/db';
import { newId } from '../records/ids';
import { freightFor, type OrderDelivery, resolveDelivery } from './checkout';
import { forgetRefusedOrder, type OpenOrder, openOrderByKey, orderIdByKey, recordOpenOrder } from './openOrders';
import { expectExpiryBy } from './orderLife';
import { claimsLockedInQueue, memberOrder } from './orderOutbox';
import { type Order, type OrderWrite, orderLinesOf } from './records/orderRecords';

/** An order's lines and coupon, on the channel of the token that placed it. */
export type OrderRequest = Omit<NewOrder, 'channel'> & { channel: Channel };

/** How long an unpaid order holds its stock and coupon. */
export const ORDER_TTL_MS = 30 * 60 * 1000;

/**
 * Reserves the order's stock and prices it: goods, freight to its address, and the coupon's
 * discount on the goods. On a freight or coupon refusal the stock goes back.
 */
const reserveAndPrice = async (
  member: MemberContext,
  open: OpenOrder,
  request: OrderRequest,
  delivery: OrderDelivery,
  now: number,
) => {
  const lines = await reserveStock(member.env, open.orderId, request.items, open.expiresAt, {
    memberId: member.memberId,
    channel: request.channel,
  });
  if (isRefusal(lines)) return lines;
  const db = database(member.env.DB);
  const goods = lines.reduce((sum, line) => sum + line.price * line.qty, 0);
  const refuse = async (refused: Refusal) => {
    await releaseStock(member.env, open.orderId, open.skuIds);
    return refused;
  };
  const freight = await freightFor(db, delivery, lines);
  if (isRefusal(freight)) return refuse(freight);
  const priced = { lines, total: goods + freight, freight };
  if (request.couponId === undefined) return { ...priced, discount: 0, claimId: null };
  // A claim an order still on its way to D1 locked shows claimed there, yet is that order's.
  const locked = claimsLockedInQueue(member);
  const coupon = await couponForOrder(db, member.memberId, request.couponId, request.channel, goods, now, locked);
  if (isRefusal(coupon)) return refuse(coupon);
  return { ...priced, discount: coupon.discount, claimId: coupon.claimId };
};

/**
 * Places an order, or returns the one an earlier call with the same key placed (`created`
 * false). The order is noted here, with its expiry alarm, before any stock is reserved, so a
 * replay after a failure reuses its id (reservations are idempotent by order) and what a
 * failure left reserved is released when it expires. A new order is durable in the member's
 * order outbox in the turn it is accepted, and reaches D1 with the flush (`orderOutbox.ts`): an
 * order with no delivery address and no coupon costs D1 nothing in the request. A member merged
 * away is refused here (`standing.ts`), and again as the order is queued, should a merge have
 * closed this object while its stock was being reserved.
 */
export const placeOrder = async (
  member: MemberContext,
  idempotencyKey: string,
  request: OrderRequest,
): Promise<{ order: Order; created: boolean } | Refusal> => {
  const refused = await orderingRefusal(member);
  if (refused) return refused;
  const db = database(member.env.DB);
  const { memberId, sql } = member;
  const knownId = orderIdByKey(sql, idempotencyKey);
  const earlier = knownId === null ? null : await memberOrder(member, knownId);
  if (earlier) return { order: earlier, created: false };
  const delivery = await resolveDelivery(db, memberId, request.delivery);
  if (isRefusal(delivery)) return delivery;
  const now = clock.now();
  const skuIds = request.items.map((i) => i.skuId);
  // A key never used has no open order (both are written and forgotten together, `openOrders.ts`).
  const earlierOpen = knownId === null ? null : openOrderByKey(sql, idempotencyKey);
  const open = earlierOpen ?? {
    orderId: newId('ord'),
    memberId,
    idempotencyKey,
    skuIds,
    expiresAt: now + ORDER_TTL_MS,
  };
  if (!earlierOpen) {
    recordOpenOrder(sql, open);
    await expectExpiryBy(member, open.expiresAt);
  }
  const placed = await reserveAndPrice(member, open, request, delivery, now);
  if (isRefusal(placed)) {
    forgetRefusedOrder(sql, open);
    return placed;
  }
  const closed = orderingRefusalNow(member);
  if (closed) {
    await releaseStock(member.env, open.orderId, open.skuIds);
    forgetRefusedOrder(sql, open);
    return closed;
  }
  const write: OrderWrite = {
    order: {
      id: open.orderId,
      memberId,
      status: 'unpaid',
      channel: request.channel,
      source: 'mall',
      idempotencyKey,
      ...delivery,
      total: placed.total,
      freight: placed.freight,
      discount: placed.discount,
      payable: placed.total - placed.discount,
      couponId: placed.claimId === null ? null : (request.couponId ?? null),
      createdAt: now,
      expiresAt: open.expiresAt,
      paidAt: null,
      updatedAt: now,
      items: orderLinesOf(open.orderId, placed.lines),
      shipments: [],
    },
    claimId: placed.claimId,
  };
  await member.orderOutbox.add(write);
  removeFromCart(memberDoc(member), skuIds);
  mirrorPlacedOrder(accountDoc(member), write);
  return { order: write.order, created: true };
};
