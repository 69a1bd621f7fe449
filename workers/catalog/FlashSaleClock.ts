import { DurableObject } from 'cloudflare:workers';
import { catalogEntryOf, type FlashSale, type SkuState } from '../../shared/docs/sku';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { catalogRoomOf } from './CatalogRoom';
import { skuRoomOf } from './SkuRoom';

/** What the clock keeps: the sale as SKU rooms carry it, and its SKUs. */
interface ScheduledSale {
  flash: FlashSale;
  skuIds: string[];
}

const SALE_KEY = 'sale';

export const flashSaleClockOf = (env: Env, saleId: string) =>
  env.FLASH_SALE_CLOCK.get(env.FLASH_SALE_CLOCK.idFromName(saleId));

/**
 * Starts and ends one flash sale on all of its SKUs at once: its alarm at `startsAt` puts the
 * sale into every SKU room in parallel and into the catalog in one transaction, and its alarm at
 * `endsAt` takes it out. Each step may run again (a failed alarm is retried), changing nothing
 * the second time.
 */
export class FlashSaleClock extends DurableObject<Env> {
  /** Keeps the sale and sets the alarm for its next step; a sale already due starts now. */
  async schedule(sale: ScheduledSale): Promise<void> {
    await this.ctx.storage.put(SALE_KEY, sale);
    await this.step();
  }

  /** Ends the sale now, whether it was running or still to come. */
  async cancel(): Promise<void> {
    const sale = await this.ctx.storage.get<ScheduledSale>(SALE_KEY);
    if (!sale) return;
    await this.ctx.storage.deleteAlarm();
    await this.end(sale);
    await this.ctx.storage.delete(SALE_KEY);
  }

  override async alarm(): Promise<void> {
    await this.step();
  }

  private async step(): Promise<void> {
    const sale = await this.ctx.storage.get<ScheduledSale>(SALE_KEY);
    if (!sale) return;
    const now = clock.now();
    if (now >= sale.flash.endsAt) {
      await this.end(sale);
      await this.ctx.storage.delete(SALE_KEY);
    } else if (now >= sale.flash.startsAt) {
      await this.publish(
        await Promise.all(sale.skuIds.map((skuId) => skuRoomOf(this.env, skuId).startFlash(skuId, sale.flash))),
      );
      await this.ctx.storage.setAlarm(sale.flash.endsAt);
    } else {
      await this.ctx.storage.setAlarm(sale.flash.startsAt);
    }
  }

  private async end(sale: ScheduledSale): Promise<void> {
    const { saleId } = sale.flash;
    await this.publish(
      await Promise.all(sale.skuIds.map((skuId) => skuRoomOf(this.env, skuId).endFlash(skuId, saleId))),
    );
  }

  /** Every SKU's new state in one catalog change, so listing pages see the sale flip at once. */
  private async publish(states: Array<SkuState | null>): Promise<void> {
    const entries = states.filter((s) => s !== null).map((s) => ({ skuId: s.skuId, entry: catalogEntryOf(s) }));
    await catalogRoomOf(this.env).upsert(entries);
  }
}
