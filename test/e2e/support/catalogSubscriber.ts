import { performance } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import { CATALOG_MAP, type CatalogEntry } from '../../../shared/docs/sku';
import { CATALOG_ROOM } from '../../../shared/rooms';
import { providerSynced, stockProvider } from './stockProvider';
import { waitForEvent } from './wait';
import type { WranglerDev } from './wranglerDev';

/** A storefront's listing on one channel, subscribed to the `catalog` room with the stock y-websocket client. */
export class CatalogSubscriber {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Reasons of `permission-denied` auth messages the hub sent this client. */
  readonly denials: string[] = [];

  constructor(
    hub: WranglerDev,
    readonly channel: Channel,
  ) {
    this.provider = stockProvider(hub, CATALOG_ROOM, this.doc, { channel }, this.denials);
    this.provider.connect();
  }

  /** The SKU's catalog entry as this client shows it now. */
  entry(skuId: string): CatalogEntry | undefined {
    const entry = this.doc.getMap<CatalogEntry | Y.Map<unknown>>(CATALOG_MAP).get(skuId);
    return entry instanceof Y.Map ? (entry.toJSON() as CatalogEntry) : entry;
  }

  synced(timeoutMs = 10_000): Promise<void> {
    return providerSynced(this.provider, timeoutMs, `${this.channel} catalog client to sync`);
  }

  /**
   * Resolves with `performance.now()` at the moment this client applied a change after which the
   * SKU's entry passes `accept` (or now, if it already does).
   */
  async shows(skuId: string, accept: (entry: CatalogEntry) => boolean, what: string, timeoutMs = 5000) {
    const holds = () => {
      const entry = this.entry(skuId);
      return entry !== undefined && accept(entry);
    };
    if (holds()) return performance.now();
    const skus = this.doc.getMap(CATALOG_MAP);
    await waitForEvent(
      (listener) => {
        skus.observeDeep(listener);
        return () => skus.unobserveDeep(listener);
      },
      timeoutMs,
      `the ${this.channel} catalog to show ${what}`,
      holds,
    );
    return performance.now();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
