import type { BalanceAdjustment, PointsAdjustment } from '../../shared/api/members';
import type { NewOrder } from '../../shared/api/orders';
import type { PaymentMethod, PaymentNotice } from '../../shared/api/payments';
import type { Channel } from '../../shared/channels';
import { type AccountContents, ASSETS_MAP, type Assets } from '../../shared/docs/account';
import { MEMBER_WRITABLE_TYPES, type MemberContents } from '../../shared/docs/member';
import { CLOSE_MEMBER_MERGED } from '../../shared/protocol/closeCodes';
import { accountRoom, memberRoom, parseRoom } from '../../shared/rooms';
import { publishSalesOfSkus } from '../catalog/publishSales';
import { skuListing } from '../catalog/records/skuRecords';
import { commitStock } from '../catalog/stock/commitStock';
import { releaseStock, reserveStock } from '../catalog/stock/reserveStock';
import { errorResponse } from '../edge/errors';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import { RoomMonitor } from '../monitor/roomMonitor';
import {
  createOpenOrders,
  dueOpenOrders,
  forgetOpenOrder,
  forgetRefusedOrder,
  nextExpiry,
  type OpenOrder,
  openOrderById,
  openOrderByKey,
  orderIdByKey,
  recordOpenOrder,
} from '../orders/openOrders';
import { paymentProvider } from '../orders/providers/paymentProvider';
import { advanceOrder, type OrderMove, wrongState } from '../orders/records/orderMoves';
import { closeOrder, findMemberOrder, insertOrder, isMemberOrder, type Order } from '../orders/records/orderRecords';
import {
  findPayment,
  insertPayment,
  latestPaymentOf,
  type Payment,
  refusePayment,
} from '../orders/records/paymentRecords';
import { payFromBalance, pointsFor, type Settlement, settleProviderPayment } from '../orders/records/paymentSettlement';
import { clock } from '../platform/clock';
import { isRefusal, type Refusal, refusal } from '../platform/refusal';
import type { RoomDoc } from '../platform/room/roomDoc';
import { PERMISSION_DENIED_FRAME, YRoom } from '../platform/room/YRoom';
import { database } from '../records/db';
import { newId } from '../records/ids';
import { accountMirrored, mirrorAccount, mirrorOrder } from './accountMirror';
import { clearMemberContents, mergeMemberContents, readMemberContents, removeFromCart } from './memberContents';
import { accountContents } from './records/accountRecords';
import { claimCoupon, couponForOrder } from './records/couponRecords';
import { appendLedger, ledgerTotals } from './records/ledgerRecords';
import { findMember, setMemberTags } from './records/memberRecords';
import { mergeMembers } from './records/mergeRecords';
import { pointsPercentOf, settleTier } from './records/tierRecords';
import { enforceMemberRules, referencedSkus } from './rules/cartRules';
import { touchedTypes } from './touchedTypes';

/** How soon an interrupted merge is retried. */
const ABSORB_RETRY_MS = 1000;
/** How long an unpaid order holds its stock and coupon. */
const ORDER_TTL_MS = 30 * 60 * 1000;
/** Orders in these states hold stock no longer (or never did): closing them again releases it. */
const RELEASABLE: readonly string[] = ['unpaid', 'cancelled', 'expired'];
/** Orders in these states were paid: their stock is sold. */
const PAID: readonly string[] = ['paid', 'shipped', 'completed'];

const ORDER_NOT_FOUND = refusal(404, 'not_found', 'no such order of this member', 'orderId');
const MINISHOP_ORDER = refusal(409, 'order_minishop', 'a Mini-Shop order is paid and moved on at the Mini-Shop');

const skuIdsOf = (order: Order): string[] => order.items.map((i) => i.skuId);

/** Why a notification cannot pay its order: the order's state, or else the amount paid differs. */
const noticeRefusal = (order: Order | Refusal): string =>
  isRefusal(order) ? order.refused.code : order.status !== 'unpaid' ? `order_${order.status}` : 'amount_mismatch';

export const memberRoomOf = (env: Env, memberId: string) => env.MEMBER_ROOM.get(env.MEMBER_ROOM.idFromName(memberId));

/**
 * One member's live state: `member:<id>` (cart, favorites, history; written by the member's
 * clients, kept within the rules by the server) and `account:<id>` (orders, assets, coupons; a
 * read-only mirror of D1). Strong operations on the member (orders, ledger moves, coupon claims,
 * merges) are calls into this object and run one at a time, each followed by the mirror.
 */
export class MemberRoom extends YRoom<Env, RoomIdentity> {
  /** Strong operations, one after another. */
  private operations: Promise<unknown> = Promise.resolve();
  /** Rule checks after client updates, one after another, each on the state it finds. */
  private checks: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.observe(new RoomMonitor(this.sockets, env));
    // Merges into this member that have begun: `pending` until the absorbed document's contents
    // are in this one, then `applied` until the absorbed document is emptied.
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS absorptions (
      absorbed_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL, state TEXT NOT NULL)`);
    createOpenOrders(ctx.storage.sql);
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    const room = parseRoom(identity.room);
    const memberId = room?.id;
    if (!memberId || identity.memberId !== memberId) return errorResponse(403, 'forbidden', 'not your room');
    if (room.kind === 'account' && !accountMirrored(this.room(identity.room).doc)) {
      await this.serially(() => this.mirror(memberId));
    }
    return null;
  }

  /**
   * A client may only write `cart`, `favorites` and `history`; anything touching another
   * top-level type is refused whole. What it wrote is then checked against the rules.
   */
  protected override applyClientUpdate(
    room: RoomDoc,
    update: Uint8Array,
    socket: WebSocket,
    identity: RoomIdentity,
  ): void {
    const outside = [...touchedTypes(room.doc, update)].some((name) => !MEMBER_WRITABLE_TYPES.includes(name));
    if (outside) {
      socket.send(PERMISSION_DENIED_FRAME);
      return;
    }
    super.applyClientUpdate(room, update, socket, identity);
    this.checks = this.checks.then(() => this.enforceRules(room)).catch((error) => console.error('rule check', error));
  }

  /**
   * The `assets` the member's channels see now, not re-read from D1 (the consistency check
   * compares them with the ledgers); null when the account document was never written.
   */
  async mirroredAssets(memberId: string): Promise<Assets | null> {
    const doc = this.room(accountRoom(memberId)).doc;
    return accountMirrored(doc) ? (doc.getMap(ASSETS_MAP).toJSON() as Assets) : null;
  }

  /** The account document's contents, rewritten from D1 first. */
  async account(memberId: string): Promise<AccountContents | Refusal> {
    return this.serially(() => this.mirror(memberId));
  }

  async adjustPoints(memberId: string, adjustment: PointsAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const member = await findMember(db, memberId);
      if (!member) return refusal(404, 'not_found', 'member not found', 'memberId');
      if (await this.notMemberOrder(memberId, adjustment.orderId)) return ORDER_NOT_FOUND;
      const percent = adjustment.byTier && adjustment.delta > 0 ? await pointsPercentOf(db, member.tier) : 100;
      const delta = Math.floor((adjustment.delta * percent) / 100);
      const entry = { memberId, delta, reason: adjustment.reason, orderId: adjustment.orderId, operator };
      if (!(await appendLedger(db, 'points', entry, clock.now()))) {
        return refusal(409, 'insufficient_points', 'points cannot go below zero', 'delta');
      }
      await settleTier(db, memberId, (await ledgerTotals(db, memberId)).earnedPoints);
      return this.assetsAfterMirror(memberId);
    });
  }

  async adjustBalance(memberId: string, adjustment: BalanceAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially(async () => {
      if (await this.notMemberOrder(memberId, adjustment.orderId)) return ORDER_NOT_FOUND;
      const entry = { memberId, ...adjustment, operator };
      if (!(await appendLedger(database(this.env.DB), 'balance', entry, clock.now()))) {
        return refusal(409, 'insufficient_balance', 'the balance cannot go below zero', 'delta');
      }
      return this.assetsAfterMirror(memberId);
    });
  }

  async setTags(memberId: string, tags: string[]): Promise<Assets | Refusal> {
    return this.serially(async () => {
      await setMemberTags(database(this.env.DB), memberId, tags);
      return this.assetsAfterMirror(memberId);
    });
  }

  async claimCoupon(memberId: string, couponId: number, channel: Channel): Promise<{ claimId: number } | Refusal> {
    return this.serially(async () => {
      const claimed = await claimCoupon(database(this.env.DB), memberId, couponId, channel, clock.now());
      if ('claimId' in claimed) await this.mirror(memberId);
      return claimed;
    });
  }

  /**
   * Places an order, or returns the one an earlier call with the same key placed (`created`
   * false). The order is noted here, with its expiry alarm, before any stock is reserved, so a
   * replay after a failure reuses its id (reservations are idempotent by order) and what a
   * failure left reserved is released when it expires. A new order costs D1 one batch: the
   * key is looked up here and the account document is patched, not re-read.
   */
  async placeOrder(
    memberId: string,
    idempotencyKey: string,
    request: NewOrder,
  ): Promise<{ order: Order; created: boolean } | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const sql = this.ctx.storage.sql;
      const knownId = orderIdByKey(sql, idempotencyKey);
      const earlier = knownId === null ? null : await findMemberOrder(db, memberId, knownId);
      if (earlier) return { order: earlier, created: false };
      const now = clock.now();
      const skuIds = request.items.map((i) => i.skuId);
      const open = openOrderByKey(sql, idempotencyKey) ?? {
        orderId: newId('ord'),
        memberId,
        idempotencyKey,
        skuIds,
        expiresAt: now + ORDER_TTL_MS,
      };
      if (!openOrderById(sql, open.orderId)) {
        recordOpenOrder(sql, open);
        await this.scheduleAlarm();
      }
      const placed = await this.reserveAndPrice(memberId, open, request, now);
      if (isRefusal(placed)) {
        forgetRefusedOrder(sql, open);
        return placed;
      }
      const order = await insertOrder(
        db,
        {
          id: open.orderId,
          memberId,
          status: 'unpaid',
          channel: request.channel,
          idempotencyKey,
          total: placed.total,
          discount: placed.discount,
          payable: placed.total - placed.discount,
          couponId: placed.claimId === null ? null : (request.couponId ?? null),
          createdAt: now,
          expiresAt: open.expiresAt,
          updatedAt: now,
        },
        placed.lines,
        placed.claimId,
      );
      removeFromCart(this.room(memberRoom(memberId)).doc, skuIds);
      if (placed.claimId === null) mirrorOrder(this.room(accountRoom(memberId)).doc, order.id, order);
      else await this.mirror(memberId);
      return { order, created: true };
    });
  }

  /** Cancels an unpaid order; cancelling a closed one again returns it as it is. */
  async cancelOrder(memberId: string, orderId: string): Promise<Order | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const order = await findMemberOrder(db, memberId, orderId);
      if (!order) return ORDER_NOT_FOUND;
      if (order.status === 'cancelled' || order.status === 'expired') return order;
      if (order.status !== 'unpaid')
        return refusal(409, 'not_cancellable', `a ${order.status} order cannot be cancelled`);
      await this.closeOrder(memberId, orderId, skuIdsOf(order), 'cancelled');
      return (await findMemberOrder(db, memberId, orderId)) ?? ORDER_NOT_FOUND;
    });
  }

  /**
   * Pays one of the member's orders, from whichever channel asks, and answers the order with its
   * `payment`. By balance it is settled here and now; by provider a pending payment is opened (or
   * the one still pending reused) for the shopper to complete on the provider's page. An order
   * already paid is answered as it is, with the payment that paid it, so a retried pay never
   * charges twice.
   */
  async payOrder(
    memberId: string,
    orderId: string,
    method: PaymentMethod,
  ): Promise<(Order & { payment: Payment | null }) | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const order = await this.payableOrder(memberId, orderId);
      if (isRefusal(order)) return order;
      if (order.status !== 'unpaid') return { ...order, payment: await latestPaymentOf(db, orderId, 'succeeded') };
      if (method === 'provider') return { ...order, payment: await this.providerPayment(order) };
      const settlement = await this.settlementOf(order, newId('pay'));
      if (!(await payFromBalance(db, settlement))) {
        return refusal(409, 'insufficient_balance', 'the balance is less than the order’s payable amount');
      }
      await this.finishPayment(memberId, orderId, skuIdsOf(order));
      const paid = await findMemberOrder(db, memberId, orderId);
      return { ...(paid ?? order), payment: await findPayment(db, settlement.paymentId) };
    });
  }

  /**
   * Applies a verified provider notification to its pending payment: the order is paid if it
   * still can be, otherwise the payment is refused with the reason (the provider refunds it). A
   * payment already settled or refused is answered as it is, so a repeated notification changes
   * nothing.
   */
  async settlePayment(memberId: string, notice: PaymentNotice): Promise<Payment | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const payment = await findPayment(db, notice.paymentId);
      if (!payment || payment.memberId !== memberId) return refusal(404, 'not_found', 'no such payment', 'paymentId');
      if (payment.status !== 'pending') return payment;
      const order = await this.payableOrder(memberId, payment.orderId);
      if (isRefusal(order) || order.status !== 'unpaid' || notice.amount !== payment.amount) {
        await refusePayment(db, payment.id, noticeRefusal(order), clock.now());
      } else if (await settleProviderPayment(db, await this.settlementOf(order, payment.id))) {
        await this.finishPayment(memberId, order.id, skuIdsOf(order));
      }
      return (await findPayment(db, payment.id)) ?? payment;
    });
  }

  /**
   * Moves one of the member's mall orders a step along its life (`orderStates.ts`); every channel
   * sees it. A Mini-Shop order moves at the Mini-Shop and arrives here by sync (shipping goes
   * through its shop instead).
   */
  async advanceOrder(memberId: string, orderId: string, move: OrderMove): Promise<Order | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const order = await findMemberOrder(db, memberId, orderId);
      if (!order) return ORDER_NOT_FOUND;
      if (order.source !== 'mall') return MINISHOP_ORDER;
      const moved = await advanceOrder(db, orderId, move.from, move.to, clock.now());
      if (isRefusal(moved)) return moved;
      await this.mirror(memberId);
      return (await findMemberOrder(db, memberId, orderId)) ?? ORDER_NOT_FOUND;
    });
  }

  /**
   * Merges `absorbedId` into this member (`survivorId`): the records move in D1 exactly once,
   * then the absorbed member's cart, favorites and history join this member's document and the
   * account mirror is rewritten. Returns false when the merge had already happened (or the
   * survivor was itself merged away), changing nothing. The merge is noted here (with an alarm)
   * before D1 moves, so if this object fails part-way the alarm finishes it.
   */
  async absorb(survivorId: string, absorbedId: string): Promise<boolean> {
    return this.serially(async () => {
      this.ctx.storage.sql.exec(
        "INSERT OR IGNORE INTO absorptions (absorbed_id, survivor_id, state) VALUES (?, ?, 'pending')",
        absorbedId,
        survivorId,
      );
      await this.ctx.storage.setAlarm(clock.now() + ABSORB_RETRY_MS);
      if (!(await mergeMembers(database(this.env.DB), absorbedId, survivorId, clock.now()))) {
        this.ctx.storage.sql.exec("DELETE FROM absorptions WHERE absorbed_id = ? AND state = 'pending'", absorbedId);
        return false;
      }
      await this.finishAbsorbing(survivorId, absorbedId);
      return true;
    });
  }

  /**
   * First half of handing this member's document to the account it was merged into: closes the
   * sockets of both rooms (their tokens no longer work, so nothing new arrives) and returns the
   * contents. `surrender` empties the document once the survivor holds them.
   */
  async freeze(memberId: string): Promise<MemberContents> {
    for (const name of [memberRoom(memberId), accountRoom(memberId)]) {
      for (const socket of this.ctx.getWebSockets(name)) socket.close(CLOSE_MEMBER_MERGED, 'member merged');
    }
    return readMemberContents(this.room(memberRoom(memberId)).doc);
  }

  async surrender(memberId: string): Promise<void> {
    clearMemberContents(this.room(memberRoom(memberId)).doc);
  }

  /**
   * Finishes merges that a failure interrupted after their records had moved, and expires the
   * open orders that are due; then sets the alarm for whatever comes next.
   */
  override async alarm(): Promise<void> {
    await this.serially(async () => {
      try {
        await this.finishAbsorptions();
        await this.expireDueOrders();
      } finally {
        await this.scheduleAlarm();
      }
    });
  }

  /** Finishes merges that a failure interrupted after their records had moved. */
  private async finishAbsorptions(): Promise<void> {
    const open = this.ctx.storage.sql
      .exec<{ absorbed_id: string; survivor_id: string }>('SELECT absorbed_id, survivor_id FROM absorptions')
      .toArray();
    for (const { absorbed_id: absorbedId, survivor_id: survivorId } of open) {
      const absorbed = await findMember(database(this.env.DB), absorbedId);
      if (absorbed?.mergedInto === survivorId) await this.finishAbsorbing(survivorId, absorbedId);
      else this.ctx.storage.sql.exec('DELETE FROM absorptions WHERE absorbed_id = ?', absorbedId);
    }
  }

  private async expireDueOrders(): Promise<void> {
    const db = database(this.env.DB);
    for (const open of dueOpenOrders(this.ctx.storage.sql, clock.now())) {
      const order = await findMemberOrder(db, open.memberId, open.orderId);
      if (!order || RELEASABLE.includes(order.status)) {
        await this.closeOrder(open.memberId, open.orderId, open.skuIds, 'expired');
      } else {
        await this.finishPayment(open.memberId, open.orderId, open.skuIds);
      }
    }
  }

  /** The one alarm serves merge retries and order expiry: it is set for the sooner of the two. */
  private async scheduleAlarm(): Promise<void> {
    const sql = this.ctx.storage.sql;
    const absorbing = sql.exec('SELECT 1 FROM absorptions LIMIT 1').toArray().length > 0;
    const due = [absorbing ? clock.now() + ABSORB_RETRY_MS : null, nextExpiry(sql)].filter((at) => at !== null);
    if (due.length > 0) await this.ctx.storage.setAlarm(Math.min(...due));
  }

  /** Reserves the order's stock and prices it; on a coupon refusal the stock goes back. */
  private async reserveAndPrice(memberId: string, open: OpenOrder, request: NewOrder, now: number) {
    const lines = await reserveStock(this.env, open.orderId, request.items, open.expiresAt, {
      memberId,
      channel: request.channel,
    });
    if (isRefusal(lines)) return lines;
    const total = lines.reduce((sum, line) => sum + line.price * line.qty, 0);
    if (request.couponId === undefined) return { lines, total, discount: 0, claimId: null };
    const db = database(this.env.DB);
    const coupon = await couponForOrder(db, memberId, request.couponId, request.channel, total, now);
    if (isRefusal(coupon)) {
      await releaseStock(this.env, open.orderId, open.skuIds);
      return coupon;
    }
    return { lines, total, discount: coupon.discount, claimId: coupon.claimId };
  }

  /**
   * The member's order as a payment finds it: refused when it is not the member's, is a
   * Mini-Shop order, or was cancelled or expired; expired here and now (as the alarm would) when
   * it is unpaid past its expiry. A paid order whose payment a failure left unfinished is
   * finished first.
   */
  private async payableOrder(memberId: string, orderId: string): Promise<Order | Refusal> {
    const order = await findMemberOrder(database(this.env.DB), memberId, orderId);
    if (!order) return ORDER_NOT_FOUND;
    if (order.source !== 'mall') return MINISHOP_ORDER;
    if (PAID.includes(order.status)) {
      if (openOrderById(this.ctx.storage.sql, orderId)) await this.finishPayment(memberId, orderId, skuIdsOf(order));
      return order;
    }
    if (order.status === 'unpaid' && order.expiresAt !== null && clock.now() >= order.expiresAt) {
      await this.closeOrder(memberId, orderId, skuIdsOf(order), 'expired');
      return wrongState('expired', 'it can no longer be paid');
    }
    return order.status === 'unpaid' ? order : wrongState(order.status, 'it can no longer be paid');
  }

  /** The order's pending provider payment, or a new one the provider was asked to collect. */
  private async providerPayment(order: Order): Promise<Payment> {
    const db = database(this.env.DB);
    const pending = await latestPaymentOf(db, order.id, 'pending');
    if (pending) return pending;
    const paymentId = newId('pay');
    const collect = { paymentId, orderId: order.id, amount: order.payable, description: `mallsync order ${order.id}` };
    const created = await paymentProvider(this.env).create({ ...collect, expiresAt: order.expiresAt ?? clock.now() });
    const now = clock.now();
    return insertPayment(db, {
      id: paymentId,
      orderId: order.id,
      memberId: order.memberId,
      method: 'provider',
      amount: order.payable,
      status: 'pending',
      ...created,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** What paying `order` by `paymentId` writes, with the points the member's tier earns for it. */
  private async settlementOf(order: Order, paymentId: string): Promise<Settlement> {
    const db = database(this.env.DB);
    const member = await findMember(db, order.memberId);
    const percent = member ? await pointsPercentOf(db, member.tier) : 100;
    const points = pointsFor(order.payable, percent);
    return { paymentId, orderId: order.id, memberId: order.memberId, amount: order.payable, points, now: clock.now() };
  }

  /**
   * What follows a payment, each step safe to repeat, so a retried pay or the expiry alarm
   * finishes what a failure interrupted: the held units become sold, the order leaves the open
   * ones (expiry no longer touches it), the tier is settled for the points earned, every
   * channel sees the order paid and the new points and balance, and shoppers of its products see
   * their sales figures grow.
   */
  private async finishPayment(memberId: string, orderId: string, skuIds: string[]): Promise<void> {
    const db = database(this.env.DB);
    await commitStock(this.env, orderId, skuIds);
    forgetOpenOrder(this.ctx.storage.sql, orderId);
    await settleTier(db, memberId, (await ledgerTotals(db, memberId)).earnedPoints);
    await this.mirror(memberId);
    await publishSalesOfSkus(this.env, skuIds);
  }

  /**
   * Releases an order's stock, closes its record (handing the coupon back) and forgets it here.
   * Each step may be repeated, so an interrupted close is finished by the expiry alarm.
   */
  private async closeOrder(
    memberId: string,
    orderId: string,
    skuIds: string[],
    status: 'cancelled' | 'expired',
  ): Promise<void> {
    await releaseStock(this.env, orderId, skuIds);
    await closeOrder(database(this.env.DB), orderId, status, clock.now());
    forgetOpenOrder(this.ctx.storage.sql, orderId);
    await this.mirror(memberId);
  }

  /**
   * Moves the absorbed member's document contents into this one. Taking them in and marking the
   * absorption `applied` happen in one turn (one storage write), so a retry never adds a cart
   * twice; the absorbed document is emptied only after that.
   */
  private async finishAbsorbing(survivorId: string, absorbedId: string): Promise<void> {
    const absorbed = memberRoomOf(this.env, absorbedId);
    const room = this.room(memberRoom(survivorId));
    try {
      const state = this.ctx.storage.sql
        .exec<{ state: string }>('SELECT state FROM absorptions WHERE absorbed_id = ?', absorbedId)
        .one().state;
      if (state === 'pending') {
        const incoming = await absorbed.freeze(absorbedId);
        mergeMemberContents(room.doc, incoming);
        this.ctx.storage.sql.exec("UPDATE absorptions SET state = 'applied' WHERE absorbed_id = ?", absorbedId);
      }
      await absorbed.surrender(absorbedId);
      this.ctx.storage.sql.exec('DELETE FROM absorptions WHERE absorbed_id = ?', absorbedId);
    } catch (error) {
      await this.ctx.storage.setAlarm(clock.now() + ABSORB_RETRY_MS);
      throw error;
    }
    await this.enforceRules(room);
    await this.mirror(survivorId);
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.operations.then(operation);
    this.operations = run.catch(() => undefined);
    return run;
  }

  /** A ledger row may name an order only if it is one of the member's. */
  private async notMemberOrder(memberId: string, orderId: string | undefined): Promise<boolean> {
    return orderId !== undefined && !(await isMemberOrder(database(this.env.DB), memberId, orderId));
  }

  private async mirror(memberId: string): Promise<AccountContents | Refusal> {
    const contents = await accountContents(database(this.env.DB), memberId, clock.now());
    if (!contents) return refusal(404, 'not_found', 'member not found', 'memberId');
    mirrorAccount(this.room(accountRoom(memberId)).doc, contents);
    return contents;
  }

  private async assetsAfterMirror(memberId: string): Promise<Assets | Refusal> {
    const contents = await this.mirror(memberId);
    return 'refused' in contents ? contents : contents.assets;
  }

  /**
   * Looks up the SKUs the document names, then fixes what breaks a rule on the state it finds
   * then. SKUs that arrived during the lookup are left to the check their own update queued.
   */
  private async enforceRules(room: RoomDoc): Promise<void> {
    const skuIds = referencedSkus(room.doc);
    const listing = await skuListing(database(this.env.DB), skuIds);
    enforceMemberRules(
      room.doc,
      new Map(skuIds.map((id) => [id, listing.has(id) ? (listing.get(id) ? 'listed' : 'delisted') : 'unknown'])),
    );
  }
}
