import type * as Y from 'yjs';
import type { SkuPatch } from '../../shared/api/admin';
import type { Channel } from '../../shared/channels';
import { catalogEntryOf, type FlashSale, flashSaleFor, SKU_MAP, type SkuState } from '../../shared/docs/sku';
import { parseRoom, skuRoom } from '../../shared/rooms';
import { errorResponse } from '../edge/errors';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import { RoomMonitor } from '../monitor/roomMonitor';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import type { RoomDoc } from '../platform/room/roomDoc';
import { BURST_ORIGIN, SERVER_ORIGIN, YRoom } from '../platform/room/YRoom';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { findSku, mirrorSku, type SkuChangeEvent } from './records/skuRecords';
import { createFlashPurchases, flashPriceOf, flashUnitsOrdered, recordFlashPurchase } from './stock/flashPurchases';
import {
  createReservations,
  type ReservedLine,
  recordReservation,
  reservationOf,
  settleReservation,
} from './stock/reservations';

/** How soon a failed D1/catalog write-through is retried. */
const MIRROR_RETRY_MS = 1000;
/** How long shopper-driven stock changes gather in the outbox before one flush carries them. */
const OUTBOX_FLUSH_MS = 200;

export const skuRoomOf = (env: Env, skuId: string) => env.SKU_ROOM.get(env.SKU_ROOM.idFromName(skuId));

const readState = (map: Y.Map<unknown>): SkuState => map.toJSON() as SkuState;

/** The fields the consistency check compares between a SKU room and its D1 row. */
export type SkuAudit = Pick<SkuState, 'price' | 'stock' | 'listed'>;

/** Who an order is for and where it was placed: the flash price and its limit depend on both. */
export interface Buyer {
  memberId: string;
  channel: Channel;
}

/**
 * One SKU's price, stock, listing and reservations: the single writer of that SKU and the only
 * place stock is decremented. Every change bumps `rev` and is durable in this object's storage
 * before it is broadcast. An operator's edit is written through to D1 and the catalog feed before
 * the call returns; reservations reach them through the outbox, flushed by the alarm within a
 * second. A write-through that fails waits in the outbox and is retried by the alarm.
 */
export class SkuRoom extends YRoom<Env, RoomIdentity> {
  private readonly monitor = this.observe(new RoomMonitor(this.sockets, this.env));
  private flushing: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS mirror_outbox (rev INTEGER PRIMARY KEY, sku_id TEXT NOT NULL, event TEXT NOT NULL)',
    );
    createReservations(ctx.storage.sql);
    createFlashPurchases(ctx.storage.sql);
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    const skuId = parseRoom(identity.room)?.id;
    if (skuId && (await this.loaded(skuId))) return null;
    return errorResponse(404, 'not_found', 'SKU not found');
  }

  /** The SKU's current state, or null when no such SKU exists. */
  async current(skuId: string): Promise<SkuState | null> {
    const room = await this.loaded(skuId);
    return room ? readState(room.doc.getMap(SKU_MAP)) : null;
  }

  /** Applies an operator's edit; null when no such SKU exists. */
  async edit(skuId: string, patch: SkuPatch): Promise<SkuState | null> {
    const room = await this.loaded(skuId);
    if (!room) return null;
    const changes: Partial<SkuState> = {};
    if (patch.price !== undefined) changes.price = patch.price;
    if (patch.stock !== undefined) changes.stock = patch.stock;
    if (patch.listed !== undefined) changes.listed = patch.listed;
    const next = this.change(room, skuId, changes, 'admin');
    await this.flushOutbox();
    return next;
  }

  /**
   * Holds `qty` units for an order: the check and the decrement happen in one turn, so concurrent
   * orders never take more than there is. Reserving an order again changes nothing. Answers the
   * price (the flash price when the buyer's channel is in a running sale) and title it is charged at.
   */
  async reserve(
    skuId: string,
    orderId: string,
    qty: number,
    expiresAt: number,
    buyer: Buyer,
  ): Promise<ReservedLine | Refusal> {
    const room = await this.loaded(skuId);
    if (!room) return refusal(404, 'not_found', `SKU ${skuId} not found`);
    const sql = this.ctx.storage.sql;
    const state = readState(room.doc.getMap(SKU_MAP));
    const held = reservationOf(sql, orderId);
    if (held) {
      if (held.state === 'released') return refusal(409, 'reservation_released', `order ${orderId} was released`);
      return { skuId, title: state.title, price: flashPriceOf(sql, orderId) ?? state.price, qty: held.qty };
    }
    if (!state.listed) return refusal(409, 'sku_unlisted', `SKU ${skuId} is not for sale`);
    if (state.stock < qty) return refusal(409, 'out_of_stock', `SKU ${skuId} has ${state.stock} left`);
    const flash = flashSaleFor(state, buyer.channel, clock.now());
    if (flash?.perMemberLimit) {
      const ordered = flashUnitsOrdered(sql, buyer.memberId, flash.saleId);
      if (ordered + qty > flash.perMemberLimit) {
        return refusal(
          409,
          'flash_sale_limit',
          `SKU ${skuId}: at most ${flash.perMemberLimit} per member at the flash price, ${ordered} already ordered`,
        );
      }
    }
    recordReservation(sql, orderId, qty, expiresAt);
    if (flash)
      recordFlashPurchase(sql, { orderId, memberId: buyer.memberId, saleId: flash.saleId, price: flash.price });
    this.change(room, skuId, { stock: state.stock - qty }, 'shopper');
    await this.scheduleFlush();
    return { skuId, title: state.title, price: flash?.price ?? state.price, qty };
  }

  /** Returns an order's held units to stock; releasing twice, or an unknown order, changes nothing. */
  async release(skuId: string, orderId: string): Promise<void> {
    const room = await this.loaded(skuId);
    const held = reservationOf(this.ctx.storage.sql, orderId);
    if (!room || held?.state !== 'held') return;
    settleReservation(this.ctx.storage.sql, orderId, 'released');
    const stock = readState(room.doc.getMap(SKU_MAP)).stock;
    this.change(room, skuId, { stock: stock + held.qty }, 'system');
    await this.scheduleFlush();
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
  async startFlash(skuId: string, flash: FlashSale): Promise<SkuState | null> {
    const room = await this.loaded(skuId);
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.flash?.saleId === flash.saleId) return state;
    const next = this.change(room, skuId, { flash }, 'system');
    await this.scheduleFlush();
    return next;
  }

  /** Takes the sale off the SKU; a SKU already in another sale, or none, is left as it is. */
  async endFlash(skuId: string, saleId: string): Promise<SkuState | null> {
    const room = await this.loaded(skuId);
    if (!room) return null;
    const state = readState(room.doc.getMap(SKU_MAP));
    if (state.flash?.saleId !== saleId) return state;
    const next = this.change(room, skuId, { flash: null }, 'system');
    await this.scheduleFlush();
    return next;
  }

  /** Shows its product's sales figure (`publishSales` calls this); an unchanged figure changes nothing. */
  async setSales(skuId: string, sales: number): Promise<void> {
    const room = await this.loaded(skuId);
    if (!room || readState(room.doc.getMap(SKU_MAP)).sales === sales) return;
    this.change(room, skuId, { sales }, 'system');
    await this.scheduleFlush();
  }

  /** Per-channel connections and acknowledgement latency of this SKU's room. */
  async latencyByChannel(skuId: string) {
    return this.monitor.stats(skuRoom(skuId));
  }

  /**
   * What the consistency check compares with D1: the room's price, stock and listing, and when the
   * oldest change still in the outbox on its way there was made (D1 is then expected to lag; null:
   * D1 has everything). Null: no such SKU.
   */
  async audit(skuId: string): Promise<(SkuAudit & { pendingSince: number | null }) | null> {
    const state = await this.current(skuId);
    if (!state) return null;
    const [oldest] = this.ctx.storage.sql
      .exec<{ event: string }>('SELECT event FROM mirror_outbox ORDER BY rev LIMIT 1')
      .toArray();
    const pendingSince = oldest ? (JSON.parse(oldest.event) as SkuChangeEvent).at : null;
    return { price: state.price, stock: state.stock, listed: state.listed, pendingSince };
  }

  /**
   * Force Sync: re-reads the SKU's D1 row and makes the room hold its price, stock and listing
   * again, as one change every client receives. Answers what it changed; null when nothing
   * differs, or when the room changed meanwhile or still has a change on its way to D1 (the
   * room is then the newer one, and the next check looks again).
   */
  async reconcile(skuId: string): Promise<SkuChangeEvent['changes'] | null> {
    const room = await this.loaded(skuId);
    if (!room) return null;
    const revBefore = readState(room.doc.getMap(SKU_MAP)).rev;
    const record = await findSku(database(this.env.DB), skuId);
    const audit = await this.audit(skuId);
    if (!record || !audit || audit.pendingSince !== null || readState(room.doc.getMap(SKU_MAP)).rev !== revBefore)
      return null;
    const fields = (['price', 'stock', 'listed'] as const).filter((k) => audit[k] !== record[k]);
    if (fields.length === 0) return null;
    this.change(room, skuId, Object.fromEntries(fields.map((k) => [k, record[k]])), 'system');
    await this.flushOutbox();
    return Object.fromEntries(fields.map((k) => [k, { from: audit[k], to: record[k] }]));
  }

  override async alarm(): Promise<void> {
    await this.flushOutbox();
  }

  /**
   * Applies `changes` as one server change with the next `rev`, and queues its sync-log line in
   * the outbox (same turn, so the two are durable together).
   */
  private change(room: RoomDoc, skuId: string, changes: Partial<SkuState>, source: SkuChangeEvent['source']): SkuState {
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
    const event: SkuChangeEvent = {
      rev: next.rev,
      at: next.changedAt,
      source,
      changes: Object.fromEntries(
        Object.keys(changes).map((k) => [k, { from: before[k as keyof SkuState], to: next[k as keyof SkuState] }]),
      ),
    };
    this.ctx.storage.sql.exec(
      'INSERT INTO mirror_outbox (rev, sku_id, event) VALUES (?, ?, ?)',
      next.rev,
      skuId,
      JSON.stringify(event),
    );
    return next;
  }

  /**
   * Shopper-driven changes reach D1 by the alarm, in one batch per flush, so D1's write rate never
   * caps how fast stock can be reserved. An alarm already set (a sooner flush or a retry) carries them.
   */
  private async scheduleFlush(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(clock.now() + OUTBOX_FLUSH_MS);
  }

  /**
   * Writes the current state through to D1 (with the pending sync-log lines) and to the catalog.
   * Flushes run one at a time, so no line is written twice; an edit that lands during a flush is
   * carried by the next one. On failure the outbox keeps its rows, the alarm retries, and the
   * caller sees the error.
   */
  private flushOutbox(): Promise<void> {
    const run = this.flushing.then(() => this.flushPending());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushPending(): Promise<void> {
    const pending = this.ctx.storage.sql
      .exec<{ rev: number; sku_id: string; event: string }>('SELECT rev, sku_id, event FROM mirror_outbox ORDER BY rev')
      .toArray();
    const skuId = pending[0]?.sku_id;
    if (!skuId) return;
    const state = readState(this.room(skuRoom(skuId)).doc.getMap(SKU_MAP));
    try {
      await Promise.all([
        mirrorSku(
          database(this.env.DB),
          state,
          pending.map((row) => JSON.parse(row.event) as SkuChangeEvent),
        ),
        catalogRoomOf(this.env).upsert([{ skuId, entry: catalogEntryOf(state) }]),
      ]);
    } catch (error) {
      await this.ctx.storage.setAlarm(clock.now() + MIRROR_RETRY_MS);
      throw error;
    }
    this.ctx.storage.sql.exec('DELETE FROM mirror_outbox WHERE rev <= ?', pending.at(-1)?.rev ?? 0);
  }

  /**
   * The SKU's room with its state in place. A cold object with no stored state rebuilds it from
   * the D1 record; concurrent callers wait for that instead of racing it.
   */
  private async loaded(skuId: string): Promise<RoomDoc | null> {
    const room = this.room(skuRoom(skuId));
    const map = room.doc.getMap<unknown>(SKU_MAP);
    if (!map.has('rev')) {
      await this.ctx.blockConcurrencyWhile(async () => {
        if (map.has('rev')) return;
        const record = await findSku(database(this.env.DB), skuId);
        if (!record) return;
        room.doc.transact(() => {
          for (const [key, value] of Object.entries(record)) map.set(key, value);
        }, SERVER_ORIGIN);
      });
    }
    return map.has('rev') ? room : null;
  }
}
