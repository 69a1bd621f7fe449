import type * as Y from 'yjs';
import type { SkuPatch } from '../../shared/api/admin';
import type { Channel } from '../../shared/channels';
import { type FlashSale, namedFlash, SKU_MAP, type SkuState } from '../../shared/docs/sku';
import { skuRoom } from '../../shared/rooms';
import { errorResponse } from '../edge/errors';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import type { RelayedAck } from '../monitor/relayedAcks';
import type { RoomChannels } from '../monitor/roomFeed';
import { RoomMonitor } from '../monitor/roomMonitor';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { objectName } from '../platform/objectName';
import { type Refusal, refusal } from '../platform/refusal';
import type { RoomDoc } from '../platform/room/roomDoc';
import { BURST_ORIGIN, SERVER_ORIGIN, YRoom } from '../platform/room/YRoom';
import { SqlOutbox } from '../platform/sqlOutbox';
import { migrateSchema } from '../platform/sqlSchema';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { findSku, mirrorSku, type SkuChangeEvent } from './records/skuRecords';
import { relayThresholdOf } from './relayThreshold';
import { overFlashLimit, priceAt, priceGiven } from './rules/flashPricing';
import { skuRoomSchema } from './skuRoomSchema';
import { flashPriceOf, flashUnitsOrdered, recordFlashPurchase } from './stock/flashPurchases';
import { HOLD_CHECK_AFTER_MS, HoldChecks } from './stock/holdChecks';
import { type ReservedLine, recordReservation, reservationOf, settleReservation } from './stock/reservations';

/** How soon a failed D1/catalog write-through is retried. */
const MIRROR_RETRY_MS = 1000;
/** How long shopper-driven stock changes gather in the outbox before one flush carries them. */
const OUTBOX_FLUSH_MS = 200;

export const skuRoomOf = (env: Env, skuId: string) => env.SKU_ROOM.getByName(skuId);

const readState = (map: Y.Map<unknown>): SkuState => {
  const state = map.toJSON() as SkuState;
  return { ...state, flash: namedFlash(state.flash) };
};

/** The fields the consistency check compares between a SKU room and its D1 row. */
export type SkuAudit = Pick<SkuState, 'price' | 'stock' | 'listed'>;

/** A SKU's state before and after an operator's edit. */
export interface SkuEdited {
  before: SkuState;
  after: SkuState;
}

/** Who an order is for and where it was placed: the flash price and its limit depend on both. */
export interface Buyer {
  memberId: string;
  channel: Channel;
}

/**
 * One SKU's price, stock, listing and reservations: the single writer of that SKU and the only
 * place stock is decremented. Every change bumps `rev` and is durable in this object's storage,
 * with its line in the outbox, before it is broadcast. An operator's edit is written through to
 * D1 and the catalog feed before the call returns; reservations reach them through the outbox,
 * flushed by the alarm within a second. A write-through that fails waits in the outbox and is
 * retried by the alarm.
 */
export class SkuRoom extends YRoom<Env, RoomIdentity> {
  private readonly monitor = this.observe(new RoomMonitor(this.sockets, this.env));
  private readonly skuId: string;
  private readonly schedule: AlarmSchedule;
  /** The changes on their way to D1 (with the room's state at flush time) and the catalog. */
  private readonly mirror: SqlOutbox<SkuChangeEvent>;
  /** Reservations whose order is yet to be confirmed holding them. */
  private readonly holdChecks: HoldChecks;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.skuId = objectName(ctx);
    this.schedule = new AlarmSchedule(ctx.storage);
    this.mirror = new SqlOutbox(ctx.storage, this.schedule, 'mirror', {
      send: (events) => this.writeThrough(events),
      flushAfterMs: OUTBOX_FLUSH_MS,
      retryMs: MIRROR_RETRY_MS,
    });
    this.holdChecks = new HoldChecks(ctx.storage.sql, this.schedule, env, (orderId) => this.release(orderId));
    migrateSchema(ctx.storage, 'sku_room', skuRoomSchema(this.mirror));
    ctx.blockConcurrencyWhile(() => this.schedule.resume());
  }

  /** A hot product's shoppers spread over relay shards (CatalogRelay.ts). */
  protected override relayNamespace() {
    return this.env.CATALOG_RELAY;
  }

  protected override relayThreshold(): number {
    return relayThresholdOf(this.env);
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    if (identity.room === skuRoom(this.skuId) && (await this.loaded())) return null;
    return errorResponse(404, 'not_found', 'SKU not found');
  }

  /** The SKU's current state, or null when no such SKU exists. */
  async current(): Promise<SkuState | null> {
    const room = await this.loaded();
    return room ? readState(room.doc.getMap(SKU_MAP)) : null;
  }

  /**
   * Applies an operator's edit and answers the state before and after it (the audit log keeps
   * both, so the edit costs one call); null when no such SKU exists.
   */
  async edit(patch: SkuPatch): Promise<SkuEdited | null> {
    const room = await this.loaded();
    if (!room) return null;
    const before = readState(room.doc.getMap(SKU_MAP));
    const changes: Partial<SkuState> = {};
    if (patch.price !== undefined) changes.price = patch.price;
    if (patch.stock !== undefined) changes.stock = patch.stock;
    if (patch.listed !== undefined) changes.listed = patch.listed;
    const after = await this.change(room, changes, 'admin');
    await this.mirror.flush();
    return { before, after };
  }

  /**
   * Shows a new title (its product or the SKU itself was renamed) on every storefront at once;
   * null when no such SKU exists, an unchanged title changes nothing.
   */
  async retitle(title: string): Promise<SkuState | null> {
    const room = await this.loaded();
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.title === title) return state;
    const next = await this.change(room, { title }, 'admin');
    await this.mirror.flush();
    return next;
  }

  /**
   * Holds `qty` units for an order: the check and the decrement happen in one turn, so concurrent
   * orders never take more than there is. Reserving an order again changes nothing. Answers the
   * price (flashPricing.ts: the flash price when the buyer's channel is in a running sale) and
   * title it is charged at.
   */
  async reserve(orderId: string, qty: number, expiresAt: number, buyer: Buyer): Promise<ReservedLine | Refusal> {
    const skuId = this.skuId;
    const room = await this.loaded();
    if (!room) return refusal(404, 'not_found', `SKU ${skuId} not found`);
    const sql = this.ctx.storage.sql;
    const state = readState(room.doc.getMap(SKU_MAP));
    const held = reservationOf(sql, orderId);
    if (held) {
      if (held.state === 'released') return refusal(409, 'reservation_released', `order ${orderId} was released`);
      return { skuId, title: state.title, price: priceGiven(state, flashPriceOf(sql, orderId)), qty: held.qty };
    }
    if (!state.listed) return refusal(409, 'sku_unlisted', `SKU ${skuId} is not for sale`);
    if (state.stock < qty) return refusal(409, 'out_of_stock', `SKU ${skuId} has ${state.stock} left`);
    const now = clock.now();
    const { price, sale } = priceAt(state, buyer.channel, now);
    if (sale?.perMemberLimit) {
      const ordered = flashUnitsOrdered(sql, buyer.memberId, sale.saleId);
      if (overFlashLimit(sale, ordered, qty)) {
        return refusal(
          409,
          'flash_sale_limit',
          `SKU ${skuId}: at most ${sale.perMemberLimit} per member at the flash price, ${ordered} already ordered`,
        );
      }
    }
    const checkAt = now + HOLD_CHECK_AFTER_MS;
    recordReservation(sql, { orderId, memberId: buyer.memberId, qty, expiresAt, checkAt });
    if (sale) recordFlashPurchase(sql, { orderId, memberId: buyer.memberId, saleId: sale.saleId, price });
    // Both start in this turn, so the decrement and the check's time are durable with the row.
    await Promise.all([this.holdChecks.expect(checkAt), this.change(room, { stock: state.stock - qty }, 'shopper')]);
    return { skuId, title: state.title, price, qty };
  }

  /** Returns an order's held units to stock; releasing twice, or an unknown order, changes nothing. */
  async release(orderId: string): Promise<void> {
    const room = await this.loaded();
    const held = reservationOf(this.ctx.storage.sql, orderId);
    if (!room || held?.state !== 'held') return;
    settleReservation(this.ctx.storage.sql, orderId, 'released');
    const stock = readState(room.doc.getMap(SKU_MAP)).stock;
    await this.change(room, { stock: stock + held.qty }, 'system');
  }

  /**
   * Turns an order's held units into sold ones (they already left the available stock); false
   * when the order holds nothing here.
   */
  async commit(orderId: string): Promise<boolean> {
    const held = reservationOf(this.ctx.storage.sql, orderId);
    if (held?.state === 'held') settleReservation(this.ctx.storage.sql, orderId, 'sold');
    return held !== null && held.state !== 'released';
  }

  /**
   * Puts a flash sale on the SKU (the FlashSaleClock calls this at its start); null when no such
   * SKU exists. Starting the same sale again changes nothing.
   */
  async startFlash(flash: FlashSale): Promise<SkuState | null> {
    const room = await this.loaded();
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.flash?.saleId === flash.saleId) return state;
    return this.change(room, { flash: namedFlash(flash) }, 'system');
  }

  /**
   * Shows a running sale's new name on every storefront at once; a SKU in another sale, or none,
   * or already showing that name, is left as it is. Null when no such SKU exists.
   */
  async renameFlash(saleId: string, name: string): Promise<SkuState | null> {
    const room = await this.loaded();
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.flash?.saleId !== saleId || state.flash.name === name) return state;
    const next = await this.change(room, { flash: { ...state.flash, name } }, 'admin');
    await this.mirror.flush();
    return next;
  }

  /** Takes the sale off the SKU; a SKU already in another sale, or none, is left as it is. */
  async endFlash(saleId: string): Promise<SkuState | null> {
    const room = await this.loaded();
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.flash?.saleId !== saleId) return state;
    return this.change(room, { flash: null }, 'system');
  }

  /** Shows its product's sales figure (`publishSales` calls this); an unchanged figure changes nothing. */
  async setSales(sales: number): Promise<void> {
    const room = await this.loaded();
    if (!room || readState(room.doc.getMap(SKU_MAP)).sales === sales) return;
    await this.change(room, { sales }, 'system');
  }

  /** What the room has open now, for the monitor (`feedChecks.ts`). */
  async channelsNow(room: string): Promise<RoomChannels> {
    return this.monitor.channelsNow(room);
  }

  /** Acknowledgements the room's relays heard (relayedAcks.ts). */
  async relayedAcks(room: string, acks: RelayedAck[]): Promise<void> {
    this.monitor.relayed(room, acks);
  }

  /** Per-channel connections and acknowledgement latency of this SKU's room. */
  async latencyByChannel() {
    return this.monitor.stats(skuRoom(this.skuId));
  }

  /**
   * What the consistency check compares with D1: the room's price, stock and listing, and when the
   * oldest change still in the outbox on its way there was made (D1 is then expected to lag; null:
   * D1 has everything). Null: no such SKU.
   */
  async audit(): Promise<(SkuAudit & { pendingSince: number | null }) | null> {
    const state = await this.current();
    if (!state) return null;
    return { price: state.price, stock: state.stock, listed: state.listed, pendingSince: this.mirror.oldestQueuedAt() };
  }

  /**
   * Force Sync: re-reads the SKU's D1 row and makes the room hold its price, stock and listing
   * again, as one change every client receives. A room with a change still in its outbox is the
   * newer one: its outbox is flushed instead, so D1 takes the room's values. Answers what it
   * changed: in the room, or in D1 by the flush (possibly no field, only the waiting log lines);
   * null when nothing differs, when the flush failed again, or when the room changed meanwhile
   * (the next check looks again).
   */
  async reconcile(): Promise<SkuChangeEvent['changes'] | null> {
    const room = await this.loaded();
    if (!room) return null;
    const revBefore = readState(room.doc.getMap(SKU_MAP)).rev;
    const record = await findSku(database(this.env.DB), this.skuId);
    const audit = await this.audit();
    if (!record || !audit || readState(room.doc.getMap(SKU_MAP)).rev !== revBefore) return null;
    const fields = (['price', 'stock', 'listed'] as const).filter((k) => audit[k] !== record[k]);
    if (audit.pendingSince !== null) {
      const flushed = await this.mirror.flush().then(
        () => true,
        () => false,
      );
      if (!flushed) return null;
      return Object.fromEntries(fields.map((k) => [k, { from: record[k], to: audit[k] }]));
    }
    if (fields.length === 0) return null;
    await this.change(room, Object.fromEntries(fields.map((k) => [k, record[k]])), 'system');
    await this.mirror.flush();
    return Object.fromEntries(fields.map((k) => [k, { from: audit[k], to: record[k] }]));
  }

  override async alarm(): Promise<void> {
    await this.schedule.run({ ...this.mirror.tasks, ...this.holdChecks.tasks });
  }

  /**
   * Applies `changes` as one server change with the next `rev`, and queues its sync-log line in
   * the outbox (same turn, so the two are durable together); the outbox has its flush scheduled
   * before this returns. Shopper-driven changes reach D1 by that flush, in one batch, so D1's
   * write rate never caps how fast stock can be reserved.
   */
  private async change(room: RoomDoc, changes: Partial<SkuState>, source: SkuChangeEvent['source']): Promise<SkuState> {
    const map = room.doc.getMap<unknown>(SKU_MAP);
    const before = readState(map);
    const next: SkuState = { ...before, ...changes, rev: before.rev + 1, changedAt: clock.now() };
    // Stock moved by orders comes in rushes and is coalesced; an operator's edit goes out at once.
    room.doc.transact(
      () => {
        for (const [key, value] of Object.entries({ ...changes, rev: next.rev, changedAt: next.changedAt })) {
          map.set(key, value);
        }
      },
      source === 'admin' ? SERVER_ORIGIN : BURST_ORIGIN,
    );
    this.monitor.stamp(room.name, next.rev, next.changedAt);
    await this.mirror.add({
      rev: next.rev,
      at: next.changedAt,
      source,
      changes: Object.fromEntries(
        Object.keys(changes).map((k) => [k, { from: before[k as keyof SkuState], to: next[k as keyof SkuState] }]),
      ),
    });
    return next;
  }

  /**
   * Writes the room's current state through to D1 (with the pending sync-log lines) and to the
   * catalog. The outbox runs one flush at a time, so no line is written twice; an edit that lands
   * during a flush is carried by the next one.
   */
  private async writeThrough(events: SkuChangeEvent[]): Promise<void> {
    const state = readState(this.room(skuRoom(this.skuId)).doc.getMap(SKU_MAP));
    await Promise.all([mirrorSku(database(this.env.DB), state, events), catalogRoomOf(this.env).upsert([state])]);
  }

  /**
   * The SKU's room with its state in place. A cold object with no stored state rebuilds it from
   * the D1 record; concurrent callers wait for that instead of racing it.
   */
  private async loaded(): Promise<RoomDoc | null> {
    const room = this.room(skuRoom(this.skuId));
    const map = room.doc.getMap<unknown>(SKU_MAP);
    if (!map.has('rev')) {
      await this.ctx.blockConcurrencyWhile(async () => {
        if (map.has('rev')) return;
        const record = await findSku(database(this.env.DB), this.skuId);
        if (!record) return;
        room.doc.transact(() => {
          for (const [key, value] of Object.entries(record)) map.set(key, value);
        }, SERVER_ORIGIN);
      });
    }
    return map.has('rev') ? room : null;
  }
}
