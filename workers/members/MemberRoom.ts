import type { BalanceAdjustment, PointsAdjustment } from '../../shared/api/members';
import type { PaymentMethod, PaymentNotice } from '../../shared/api/payments';
import type { Channel } from '../../shared/channels';
import type { BookAddress } from '../../shared/checkout';
import type { AccountContents, Assets } from '../../shared/docs/account';
import { MAX_MEMBER_DOC_BYTES, MAX_MEMBER_FRAME_BYTES, type MemberContents } from '../../shared/docs/member';
import { shapeMemberDoc } from '../../shared/docs/memberShape';
import { parseRoom } from '../../shared/rooms';
import { errorResponse } from '../edge/errors';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import { monitorRoomOf, type RoomChannels } from '../monitor/roomFeed';
import { RoomMonitor } from '../monitor/roomMonitor';
import { finishTasks } from '../orders/finishPayment';
import { migrateOpenOrders } from '../orders/openOrders';
import { holdsStock } from '../orders/orderHolds';
import { advanceOrder, cancelOrder, expiryTasks } from '../orders/orderLife';
import {
  listedOrders,
  memberOrder,
  type OrderOutbox,
  type OrderOutboxAudit,
  orderOutboxAudit,
  orderOutboxOf,
} from '../orders/orderOutbox';
import { shipOrder } from '../orders/orderShipping';
import { payOrder, settlePayment } from '../orders/payOrder';
import { type OrderRequest, placeOrder } from '../orders/placeOrder';
import type { Order } from '../orders/records/orderRecords';
import type { Payment } from '../orders/records/paymentRecords';
import type { OrderMove } from '../orders/rules/orderStates';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { objectName } from '../platform/objectName';
import { isRefusal, type Refusal } from '../platform/refusal';
import type { RoomDoc } from '../platform/room/roomDoc';
import { type ClientWriter, type WriteCorrection, YRoom } from '../platform/room/YRoom';
import { SerialQueue } from '../platform/serialQueue';
import { migrateAbsorptions } from './absorptions';
import { accountMirrored, mirror, mirroredAssets } from './accountMirror';
import { type AddressBookChange, changeAddressBook } from './addressBook';
import { checkCart } from './cartCheck';
import { claimCoupon } from './couponClaims';
import { adjustBalance, adjustPoints, setTags } from './ledger';
import { accountDoc, type MemberContext } from './memberContext';
import { absorb, absorptionTasks, freeze, surrender } from './merges';
import { closeForMerge, migrateStanding, orderingRefusal, reopenAfterMerge } from './standing';

export const memberRoomOf = (env: Env, memberId: string) => env.MEMBER_ROOM.getByName(memberId);

/**
 * One member's live state: `member:<id>` (cart, favorites, history; written by the member's
 * clients, kept within the rules by the server) and `account:<id>` (orders, assets, coupons; a
 * read-only mirror of D1 and of the orders still in the order outbox on their way there). The object is named by the member id, so no call names the member.
 * Strong operations on the member (orders, ledger moves, coupon claims, merges) are calls into
 * this object and run one at a time, each followed by the mirror; the modules they delegate to
 * see only a `MemberContext`.
 */
export class MemberRoom extends YRoom<Env, RoomIdentity> {
  protected override maxFrameBytes = MAX_MEMBER_FRAME_BYTES;
  protected override maxDocBytes = MAX_MEMBER_DOC_BYTES;
  private readonly monitor = this.observe(new RoomMonitor(this.sockets, this.env));
  /** Strong operations, one after another. */
  private readonly operations = new SerialQueue();
  /** Rule checks after client updates, one after another, each on the state it finds. */
  private readonly checks = new SerialQueue();
  /** The one alarm, shared by order expiry, the order outbox's flush and merge retries. */
  private readonly schedule: AlarmSchedule;
  private readonly orderOutbox: OrderOutbox;
  private readonly member: MemberContext;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    migrateAbsorptions(ctx.storage);
    migrateOpenOrders(ctx.storage);
    migrateStanding(ctx.storage);
    this.schedule = new AlarmSchedule(ctx.storage);
    this.orderOutbox = orderOutboxOf(ctx.storage, this.schedule, env, objectName(ctx));
    ctx.blockConcurrencyWhile(() => this.schedule.resume());
    this.member = {
      env,
      memberId: objectName(ctx),
      sql: ctx.storage.sql,
      schedule: this.schedule,
      orderOutbox: this.orderOutbox,
      room: (roomName) => this.room(roomName),
      sockets: (roomName) => ctx.getWebSockets(roomName),
    };
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    const room = parseRoom(identity.room);
    if (room?.id !== this.member.memberId || identity.memberId !== room.id) {
      return errorResponse(403, 'forbidden', 'not your room');
    }
    if (room.kind === 'account' && !accountMirrored(accountDoc(this.member))) await this.serially(mirror);
    return null;
  }

  /** What a client wrote, brought within the rules that need only the document (`shared/docs/memberShape.ts`). */
  protected override correctClientWrite(room: RoomDoc): WriteCorrection {
    return shapeMemberDoc(room.doc);
  }

  /** Then the rules that need the SKUs, looked up after the write is applied (`cartCheck.ts`). */
  protected override applyClientUpdate(room: RoomDoc, update: Uint8Array, writer: ClientWriter<RoomIdentity>): void {
    super.applyClientUpdate(room, update, writer);
    this.checks.run(() => checkCart(this.env, room.doc)).catch((error) => console.error('rule check', error));
  }

  /** The `assets` the member's channels see now (`accountMirror.ts`). */
  async mirroredAssets(): Promise<Assets | null> {
    return mirroredAssets(this.member);
  }

  /** The account document's contents, rewritten from D1 first. */
  async account(): Promise<AccountContents | Refusal> {
    return this.serially(mirror);
  }

  async adjustPoints(adjustment: PointsAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially((member) => adjustPoints(member, adjustment, operator));
  }

  async adjustBalance(adjustment: BalanceAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially((member) => adjustBalance(member, adjustment, operator));
  }

  async setTags(tags: string[]): Promise<Assets | Refusal> {
    return this.serially((member) => setTags(member, tags));
  }

  async claimCoupon(couponId: number, channel: Channel): Promise<{ claimId: number } | Refusal> {
    return this.serially((member) => claimCoupon(member, couponId, channel));
  }

  /**
   * Places an order once per idempotency key (`placeOrder.ts`); the monitor hears of it once the
   * order outbox has written it to D1 (`orderOutbox.ts`), where the dashboard reads it.
   */
  async placeOrder(
    idempotencyKey: string,
    request: OrderRequest,
  ): Promise<{ order: Order; created: boolean } | Refusal> {
    return this.serially((member) => placeOrder(member, idempotencyKey, request));
  }

  /** One of the member's orders, those still on their way to D1 included; null when it has none such. */
  async order(orderId: string): Promise<Order | null> {
    return memberOrder(this.member, orderId);
  }

  /** The member's latest orders, newest first, those still on their way to D1 included. */
  async orders(): Promise<Order[]> {
    return listedOrders(this.member);
  }

  /** Writes the orders still queued to D1 now (before their records move or change there). */
  async flushOrders(): Promise<void> {
    await this.orderOutbox.flush();
  }

  /**
   * Asked by a member about to absorb this one: no new order from now on, and every order taken is
   * written to D1, where the merge moves them. Not queued behind this member's operations, as
   * `freeze`; an order being placed meanwhile is refused as it is queued (`placeOrder.ts`).
   */
  async closeForMerge(survivorId: string): Promise<void> {
    closeForMerge(this.member.sql, survivorId);
    await this.orderOutbox.flush();
  }

  /** Whether the member may still order: null, or the 401 its orders get (`standing.ts`). */
  async standing(): Promise<Refusal | null> {
    return orderingRefusal(this.member);
  }

  /** That member's merge did not happen (`merges.ts`). */
  async reopenAfterMerge(survivorId: string): Promise<void> {
    reopenAfterMerge(this.member.sql, survivorId);
  }

  /** How many of the member's orders wait for D1 and since when, for the orders check (`consistency.ts`). */
  async orderAudit(): Promise<OrderOutboxAudit> {
    return orderOutboxAudit(this.orderOutbox);
  }

  /** What one of the member's rooms has open now, for the monitor (`feedChecks.ts`). */
  async channelsNow(room: string): Promise<RoomChannels> {
    return this.monitor.channelsNow(room);
  }

  /** Whether the order still holds the stock a SKU room reserved for it (`orderHolds.ts`). */
  async holdsStock(orderId: string): Promise<boolean> {
    return this.serially((member) => holdsStock(member, orderId));
  }

  async cancelOrder(orderId: string): Promise<Order | Refusal> {
    return this.ordersChanged(await this.afterFlush((member) => cancelOrder(member, orderId)));
  }

  /** Pays an order by balance or opens a provider payment (`payOrder.ts`). */
  async payOrder(orderId: string, method: PaymentMethod): Promise<(Order & { payment: Payment | null }) | Refusal> {
    return this.ordersChanged(await this.afterFlush((member) => payOrder(member, orderId, method)));
  }

  /** Applies a verified provider notification (`payOrder.ts`). */
  async settlePayment(notice: PaymentNotice): Promise<Payment | Refusal> {
    return this.ordersChanged(await this.afterFlush((member) => settlePayment(member, notice)));
  }

  async advanceOrder(orderId: string, move: OrderMove): Promise<Order | Refusal> {
    return this.ordersChanged(await this.afterFlush((member) => advanceOrder(member, orderId, move)));
  }

  /** Ships a paid mall order with its parcel (`orderShipping.ts`). */
  async shipOrder(
    orderId: string,
    parcel: { carrier: string | null; waybill: string | null },
  ): Promise<Order | Refusal> {
    return this.ordersChanged(await this.afterFlush((member) => shipOrder(member, orderId, parcel)));
  }

  /** Adds, edits or deletes an address of the member's book (`addressBook.ts`). */
  async changeAddressBook(change: AddressBookChange): Promise<{ address: BookAddress | null } | Refusal> {
    return this.serially((member) => changeAddressBook(member, change));
  }

  /** Merges `absorbedId` into this member, exactly once (`merges.ts`). */
  async absorb(absorbedId: string): Promise<boolean> {
    return this.serially((member) => absorb(member, absorbedId));
  }

  /**
   * Asked by the member this one was merged into, while that one runs its merge: not queued
   * behind this member's operations, so two members absorbing each other cannot wait forever.
   */
  async freeze(): Promise<MemberContents> {
    return freeze(this.member);
  }

  async surrender(): Promise<void> {
    surrender(this.member);
  }

  /**
   * Expires the open orders that are due, finishes interrupted payments and merges, then sets the
   * alarm for what is next.
   */
  override async alarm(): Promise<void> {
    const ran = await this.serially(async (member) => {
      const tasks = {
        ...this.orderOutbox.tasks,
        ...(await absorptionTasks(member)),
        ...(await expiryTasks(member)),
        ...finishTasks(member),
      };
      return this.schedule.run(tasks);
    });
    // Expiring orders and finishing payments are what this alarm is for, mostly; the outbox's
    // flush tells the monitor itself, once D1 has the orders.
    const flush = Object.keys(this.orderOutbox.tasks);
    if (ran.some((task) => !flush.includes(task))) await this.ordersChanged(true);
  }

  /**
   * Tells the monitor room an order changed, once the change is done (the back office's dashboard
   * reads its figures again on it); a lost signal costs that page one refresh, never the order.
   */
  private async ordersChanged<T>(outcome: T): Promise<T> {
    if (!isRefusal(outcome)) {
      await monitorRoomOf(this.env)
        .ordersChanged(clock.now())
        .catch((error: unknown) => console.error('orders signal', error));
    }
    return outcome;
  }

  /** An operation that changes an order in D1, once D1 has every order of the member. */
  private afterFlush<T>(operation: (member: MemberContext) => Promise<T>): Promise<T> {
    return this.serially(async (member) => {
      await this.orderOutbox.flush();
      return operation(member);
    });
  }

  private serially<T>(operation: (member: MemberContext) => Promise<T>): Promise<T> {
    return this.operations.run(() => operation(this.member));
  }
}
