import { DurableObject } from 'cloudflare:workers';
import type { SkuState } from '../../shared/docs/sku';
import type { Env } from '../env';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { migrateSchema } from '../platform/sqlSchema';
import { catalogRoomOf } from './CatalogRoom';
import { skuRoomOf } from './SkuRoom';
import { deleteSale, readSale, type ScheduledSale, saveSale, scheduledSaleSchema } from './scheduledSale';

/** The one task on the clock's schedule: the sale's next step (its start, then its end). */
const STEP = 'step';

export const flashSaleClockOf = (env: Env, saleId: string) => env.FLASH_SALE_CLOCK.getByName(saleId);

/**
 * Starts and ends one flash sale on all of its SKUs at once: its alarm at `startsAt` puts the
 * sale into every SKU room in parallel and into the catalog in one transaction, and its alarm at
 * `endsAt` takes it out. Each step may run again (a failed alarm is retried), changing nothing
 * the second time.
 */
export class FlashSaleClock extends DurableObject<Env> {
  private readonly alarms: AlarmSchedule;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.alarms = new AlarmSchedule(ctx.storage);
    migrateSchema(
      ctx.storage,
      'flash_sale_clock',
      scheduledSaleSchema(ctx.storage, () => this.alarms.plan(STEP, clock.now())),
    );
    ctx.blockConcurrencyWhile(() => this.alarms.resume());
  }

  /** Keeps the sale and sets the alarm for its next step; a sale already due starts now. */
  async schedule(sale: ScheduledSale): Promise<void> {
    saveSale(this.ctx.storage.sql, sale);
    await this.step();
  }

  /** Ends the sale now, whether it was running or still to come. */
  async cancel(): Promise<void> {
    const sale = readSale(this.ctx.storage.sql);
    if (!sale) return;
    await this.alarms.cancel(STEP);
    await this.end(sale);
    deleteSale(this.ctx.storage.sql);
  }

  /**
   * Gives the sale a new name: kept for its start, and shown at once by every SKU room it already
   * runs in (each writes it through to the catalog). A sale over or cancelled has nothing to show.
   */
  async rename(name: string): Promise<void> {
    const sale = readSale(this.ctx.storage.sql);
    if (!sale) return;
    saveSale(this.ctx.storage.sql, { ...sale, flash: { ...sale.flash, name } });
    if (clock.now() < sale.flash.startsAt) return;
    const { saleId } = sale.flash;
    await Promise.all(sale.skuIds.map((skuId) => skuRoomOf(this.env, skuId).renameFlash(saleId, name)));
  }

  override async alarm(): Promise<void> {
    await this.alarms.run({ [STEP]: () => this.step() });
  }

  private async step(): Promise<void> {
    const sale = readSale(this.ctx.storage.sql);
    if (!sale) return;
    const now = clock.now();
    if (now >= sale.flash.endsAt) {
      await this.end(sale);
      deleteSale(this.ctx.storage.sql);
    } else if (now >= sale.flash.startsAt) {
      await this.publish(
        await Promise.all(sale.skuIds.map((skuId) => skuRoomOf(this.env, skuId).startFlash(sale.flash))),
      );
      await this.alarms.runAt(STEP, sale.flash.endsAt);
    } else {
      await this.alarms.runAt(STEP, sale.flash.startsAt);
    }
  }

  private async end(sale: ScheduledSale): Promise<void> {
    const { saleId } = sale.flash;
    await this.publish(await Promise.all(sale.skuIds.map((skuId) => skuRoomOf(this.env, skuId).endFlash(saleId))));
  }

  /** Every SKU's new state in one catalog change, so listing pages see the sale flip at once. */
  private async publish(states: Array<SkuState | null>): Promise<void> {
    await catalogRoomOf(this.env).upsert(states.filter((s) => s !== null));
  }
}
