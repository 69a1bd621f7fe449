import { CATALOG_MAP, type CatalogEntry, catalogEntryOf, type SkuState } from '../../shared/docs/sku';
import { CATALOG_ROOM, parseRoom } from '../../shared/rooms';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import type { RelayedAck } from '../monitor/relayedAcks';
import type { RoomChannels } from '../monitor/roomFeed';
import { type ChannelSyncStats, RoomMonitor } from '../monitor/roomMonitor';
import { clock } from '../platform/clock';
import { errorResponse } from '../platform/errorShape';
import type { RoomDoc } from '../platform/room/roomDoc';
import { SERVER_ORIGIN, YRoom } from '../platform/room/YRoom';
import { database } from '../records/db';
import { ListingFeed, MAX_FEED_PRODUCTS } from './listingFeed';
import { catalogEntries } from './records/skuRecords';
import { relayThresholdOf } from './relayThreshold';

export const catalogRoomOf = (env: Env) => env.CATALOG_ROOM.getByName(CATALOG_ROOM);

/**
 * The live catalog: `catalog` holds every SKU's price, stock, listing, flash sale and rev (for
 * the back office and stock clients of small shops), and each listing feed `catalog:<viewId>`
 * only the products one page shows (`listingFeed.ts`). SkuRooms push their changes here; an
 * entry is only replaced by a higher `rev`, so late or repeated pushes never roll it back.
 */
export class CatalogRoom extends YRoom<Env, RoomIdentity> {
  protected override coalesceMs = 25;

  private readonly monitor = this.observe(new RoomMonitor(this.sockets, this.env));
  private readonly feed = new ListingFeed({
    storage: this.ctx.storage,
    db: database(this.env.DB),
    room: (name) => this.room(name),
    liveRooms: () => this.liveRooms(),
    forgetRoom: (name) => this.forgetRoom(name),
    skuEntry: (skuId) => this.room(CATALOG_ROOM).doc.getMap<CatalogEntry>(CATALOG_MAP).get(skuId),
    stamp: (room, rev) => this.monitor.stamp(room, rev, clock.now()),
  });

  /** Per channel, a room's sockets and acknowledgement latency (a listing feed's, measured from each change it shows). */
  async latencyByChannel(room: string): Promise<ChannelSyncStats> {
    return this.monitor.stats(room);
  }

  /** Acknowledgements the catalog's relays heard (relayedAcks.ts). */
  async relayedAcks(room: string, acks: RelayedAck[]): Promise<void> {
    this.monitor.relayed(room, acks);
  }

  /** What the room has open now, for the monitor (`feedChecks.ts`). */
  async channelsNow(room: string): Promise<RoomChannels> {
    return this.monitor.channelsNow(room);
  }

  /**
   * The whole catalog's subscribers spread over relay shards (CatalogRelay.ts); a listing feed's
   * do not, since feeds are made and retired here on demand.
   */
  protected override relayNamespace() {
    return this.env.CATALOG_RELAY;
  }

  protected override relayThreshold(room: string): number {
    return room === CATALOG_ROOM ? relayThresholdOf(this.env) : Number.POSITIVE_INFINITY;
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    await this.loaded();
    const viewId = parseRoom(identity.room)?.id;
    if (viewId && !this.feed.open(identity.room, viewId)) {
      return errorResponse(404, 'not_found', `no listing feed ${identity.room}: take the feed a listing names`);
    }
    return null;
  }

  /** SKUs' new states: their catalog entries, and their products' lines in the listing feeds. */
  async upsert(states: SkuState[]): Promise<void> {
    const room = await this.loaded();
    const entries = states.map((s) => ({ skuId: s.skuId, productId: s.productId, entry: catalogEntryOf(s) }));
    this.feed.skusChanged(this.apply(room, entries));
  }

  /** The feed room of the products a page shows, in its order (`listingFeed.ts`). */
  async listingFeed(productIds: string[], withSkus: boolean): Promise<string> {
    if (productIds.length > MAX_FEED_PRODUCTS) throw new Error(`a feed shows at most ${MAX_FEED_PRODUCTS} products`);
    await this.loaded();
    return this.feed.define(productIds, withSkus);
  }

  /** Products whose title, main picture or SKUs changed: the feeds that show them follow. */
  async productsChanged(productIds: string[]): Promise<void> {
    await this.loaded();
    await this.feed.productsChanged(productIds);
  }

  /** The catalog's entries, for checks and rebuilds. */
  async entries(): Promise<Record<string, CatalogEntry>> {
    return (await this.loaded()).doc.getMap<CatalogEntry>(CATALOG_MAP).toJSON() as Record<string, CatalogEntry>;
  }

  /** Sets the entries newer than the catalog's, and answers those. */
  private apply<T extends { skuId: string; entry: CatalogEntry }>(room: RoomDoc, entries: T[]): T[] {
    const skus = room.doc.getMap<CatalogEntry>(CATALOG_MAP);
    const newer = entries.filter(({ skuId, entry }) => (skus.get(skuId)?.rev ?? 0) < entry.rev);
    if (newer.length === 0) return newer;
    room.doc.transact(() => {
      for (const { skuId, entry } of newer) skus.set(skuId, entry);
    }, SERVER_ORIGIN);
    return newer;
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
