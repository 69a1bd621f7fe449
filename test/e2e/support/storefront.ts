import { performance } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import type { SkuState } from '../../../shared/docs/sku';
import { reportSeenRevs } from '../../../shared/sdk/reportSeenRevs';
import { providerSynced, stockProvider } from './stockProvider';
import { waitFor } from './wait';
import type { WranglerDev } from './wranglerDev';

type Status = 'connected' | 'disconnected' | 'connecting';

/**
 * One storefront on one channel watching one SKU, with the stock y-websocket client over `ws`.
 * It records what the provider reports (status, closes, sync) and when each `rev` was applied,
 * and acknowledges every applied change through the SDK's `reportSeenRevs`.
 */
export class Storefront {
  readonly room: string;
  readonly doc = new Y.Doc();
  readonly sku: Y.Map<unknown>;
  readonly provider: WebsocketProvider;
  readonly statuses: Status[] = [];
  readonly closes: Array<{ code: number | null; reason: string | null }> = [];
  readonly syncs: boolean[] = [];
  /** Reasons of `permission-denied` auth messages the hub sent this client. */
  readonly denials: string[] = [];
  /** `performance.now()` when each rev was first applied to this client's document. */
  readonly revAppliedAt = new Map<number, number>();

  constructor(
    hub: WranglerDev,
    skuId: string,
    readonly channel: Channel,
  ) {
    this.room = `sku:${skuId}`;
    this.sku = this.doc.getMap('sku');
    this.sku.observe(() => {
      const rev = this.sku.get('rev');
      if (typeof rev !== 'number' || this.revAppliedAt.has(rev)) return;
      this.revAppliedAt.set(rev, performance.now());
    });
    // Connected only once every listener below is in place, so the records start at 'connecting'.
    this.provider = stockProvider(hub, this.room, this.doc, { channel }, this.denials);
    reportSeenRevs(this.provider.awareness, channel, this.room, this.sku);
    this.provider.on('status', ({ status }) => this.statuses.push(status));
    this.provider.on('connection-close', (event) =>
      this.closes.push({ code: event?.code ?? null, reason: event?.reason ?? null }),
    );
    this.provider.on('sync', (synced) => this.syncs.push(synced));
    this.provider.connect();
  }

  /** The SKU as this client currently shows it. */
  state(): Partial<SkuState> {
    return this.sku.toJSON() as Partial<SkuState>;
  }

  /** Resolves once the provider has synced with the hub (its 'sync' event with true). */
  synced(timeoutMs = 10_000): Promise<void> {
    return providerSynced(this.provider, timeoutMs, `${this.channel} client of ${this.room} to sync`);
  }

  /** Resolves once this client has applied `rev`. */
  applied(rev: number, timeoutMs: number): Promise<void> {
    return waitFor(
      () => this.revAppliedAt.has(rev),
      timeoutMs,
      `${this.channel} client of ${this.room} to apply rev ${rev}`,
    );
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
