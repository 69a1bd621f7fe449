import { CATALOG_MAP, type CatalogEntry } from '../../shared/docs/sku';
import { CATALOG_ROOM } from '../../shared/rooms';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import type { RoomChannels } from '../monitor/roomFeed';
import { RoomMonitor } from '../monitor/roomMonitor';
import type { RoomDoc } from '../platform/room/roomDoc';
import { SERVER_ORIGIN, YRoom } from '../platform/room/YRoom';
import { database } from '../records/db';
import { catalogEntries } from './records/skuRecords';

export const catalogRoomOf = (env: Env) => env.CATALOG_ROOM.getByName(CATALOG_ROOM);

/**
 * The listing feed: every SKU's price, stock, listing, flash sale and rev in one document, so a
 * listing page stays live over one socket. SkuRooms push their changes here; an entry is only
 * replaced by a higher `rev`, so late or repeated pushes never roll it back.
 */
export class CatalogRoom extends YRoom<Env, RoomIdentity> {
  protected override coalesceMs = 25;

  private readonly monitor = this.observe(new RoomMonitor(this.sockets, this.env));

  /** What the room has open now, for the monitor (`feedChecks.ts`). */
  async channelsNow(room: string): Promise<RoomChannels> {
    return this.monitor.channelsNow(room);
  }

  protected async admit(): Promise<Response | null> {
    await this.loaded();
    return null;
  }

  async upsert(entries: Array<{ skuId: string; entry: CatalogEntry }>): Promise<void> {
    this.apply(await this.loaded(), entries);
  }

  /** The catalog's entries, for checks and rebuilds. */
  async entries(): Promise<Record<string, CatalogEntry>> {
    return (await this.loaded()).doc.getMap<CatalogEntry>(CATALOG_MAP).toJSON() as Record<string, CatalogEntry>;
  }

  private apply(room: RoomDoc, entries: Array<{ skuId: string; entry: CatalogEntry }>): void {
    const skus = room.doc.getMap<CatalogEntry>(CATALOG_MAP);
    const newer = entries.filter(({ skuId, entry }) => (skus.get(skuId)?.rev ?? 0) < entry.rev);
    if (newer.length === 0) return;
    room.doc.transact(() => {
      for (const { skuId, entry } of newer) skus.set(skuId, entry);
    }, SERVER_ORIGIN);
  }

  /** The catalog room, built from D1 the first time this object holds nothing. */
  private async loaded(): Promise<RoomDoc> {
    const room = this.room(CATALOG_ROOM);
    if (room.doc.getMap(CATALOG_MAP).size === 0) {
      await this.ctx.blockConcurrencyWhile(async () => {
        if (room.doc.getMap(CATALOG_MAP).size > 0) return;
        this.apply(room, await catalogEntries(database(this.env.DB)));
      });
    }
    return room;
  }
}
