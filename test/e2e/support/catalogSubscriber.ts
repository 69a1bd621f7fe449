import { performance } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import { LISTING_MAP, type ListingEntry } from '../../../shared/docs/listing';
import { CATALOG_MAP, type CatalogEntry } from '../../../shared/docs/sku';
import { CATALOG_ROOM } from '../../../shared/rooms';
import { providerSynced, stockProvider } from './stockProvider';
import { waitForEvent } from './wait';
import type { WranglerDev } from './wranglerDev';

/**
 * A storefront's listing on one channel, subscribed with the stock y-websocket client to the
 * `catalog` room or to a listing feed (`catalog:<viewId>`, whose SKU entries share the map name).
 */
export class CatalogSubscriber {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Reasons of `permission-denied` auth messages the hub sent this client. */
  readonly denials: string[] = [];

  constructor(
    hub: WranglerDev,
    readonly channel: Channel,
    readonly room: string = CATALOG_ROOM,
  ) {
    this.provider = stockProvider(hub, room, this.doc, { channel }, this.denials);
    this.provider.connect();
  }

  /** The SKU's catalog entry as this client shows it now. */
  entry(skuId: string): CatalogEntry | undefined {
    const entry = this.doc.getMap<CatalogEntry | Y.Map<unknown>>(CATALOG_MAP).get(skuId);
    return entry instanceof Y.Map ? (entry.toJSON() as CatalogEntry) : entry;
  }

  /** A listing feed's line of the product as this client shows it now. */
  line(productId: string): ListingEntry | undefined {
    return this.doc.getMap<ListingEntry>(LISTING_MAP).get(productId);
  }

  synced(timeoutMs = 10_000): Promise<void> {
    return providerSynced(this.provider, timeoutMs, `${this.channel} ${this.room} client to sync`);
  }

  /**
   * Resolves with `performance.now()` at the moment this client applied a change after which the
   * SKU's entry passes `accept` (or now, if it already does).
   */
  shows(skuId: string, accept: (entry: CatalogEntry) => boolean, what: string, timeoutMs = 5000) {
    return this.until(CATALOG_MAP, () => this.entry(skuId), accept, what, timeoutMs);
  }

  /** The same for the product's line in a listing feed. */
  showsLine(productId: string, accept: (line: ListingEntry) => boolean, what: string, timeoutMs = 5000) {
    return this.until(LISTING_MAP, () => this.line(productId), accept, what, timeoutMs);
  }

  private async until<T>(
    map: string,
    read: () => T | undefined,
    accept: (value: T) => boolean,
    what: string,
    timeoutMs: number,
  ) {
    const holds = () => {
      const value = read();
      return value !== undefined && accept(value);
    };
    if (holds()) return performance.now();
    const watched = this.doc.getMap(map);
    await waitForEvent(
      (listener) => {
        watched.observeDeep(listener);
        return () => watched.unobserveDeep(listener);
      },
      timeoutMs,
      `the ${this.channel} ${this.room} client to show ${what}`,
      holds,
    );
    return performance.now();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
