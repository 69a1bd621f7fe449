import { performance } from 'node:perf_hooks';
import type * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import type { SkuState } from '../../../shared/docs/sku';
import { reportSeenRevs } from '../../../shared/sdk/reportSeenRevs';
import { waitFor, waitForEvent } from './wait';
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
    this.provider = new WebsocketProvider(hub.syncUrl, this.room, this.doc, {
      params: { channel },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Each storefront stands for a separate device: no shortcut between providers of the same
      // room in this process (lib0's BroadcastChannel), so every change has to come from the hub.
      disableBc: true,
      // Connect only once every listener below is in place, so the records start at 'connecting'.
      connect: false,
    });
    reportSeenRevs(this.provider.awareness, channel, this.room, this.sku);
    this.provider.on('status', ({ status }) => this.statuses.push(status));
    this.provider.on('connection-close', (event) =>
      this.closes.push({ code: event?.code ?? null, reason: event?.reason ?? null }),
    );
    this.provider.on('sync', (synced) => this.syncs.push(synced));
    // Keep the refusals instead of only logging them (the stock handler console.warns).
    this.provider.messageHandlers[messageAuth] = (_encoder: unknown, decoder: decoding.Decoder) =>
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.denials.push(reason));
    this.provider.connect();
  }

  /** The SKU as this client currently shows it. */
  state(): Partial<SkuState> {
    return this.sku.toJSON() as Partial<SkuState>;
  }

  /** Resolves once the provider has synced with the hub (its 'sync' event with true). */
  async synced(timeoutMs = 10_000): Promise<void> {
    if (this.provider.synced) return;
    await waitForEvent<[boolean]>(
      (listener) => {
        this.provider.on('sync', listener);
        return () => this.provider.off('sync', listener);
      },
      timeoutMs,
      `${this.channel} client of ${this.room} to sync`,
      (synced) => synced,
    );
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
