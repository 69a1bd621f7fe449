import type * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import { waitFor, waitForEvent } from './wait';
import type { WranglerDev } from './wranglerDev';

/**
 * One shopper's device on one channel, subscribed to one of the member's private rooms
 * (`member:<id>` or `account:<id>`) with the stock y-websocket client and the member's token.
 */
export class MemberDevice {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Reasons of `permission-denied` auth messages the hub sent this device. */
  readonly denials: string[] = [];

  constructor(
    hub: WranglerDev,
    readonly room: string,
    readonly channel: Channel,
    token: string,
  ) {
    this.provider = new WebsocketProvider(hub.syncUrl, room, this.doc, {
      params: { channel, token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Separate devices: every change has to travel through the hub.
      disableBc: true,
      connect: false,
    });
    this.provider.messageHandlers[messageAuth] = (_encoder: unknown, decoder: decoding.Decoder) =>
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.denials.push(reason));
    this.provider.connect();
  }

  map<T = unknown>(name: string): Y.Map<T> {
    return this.doc.getMap<T>(name);
  }

  /** Resolves once the provider has (re)synced with the hub. */
  async synced(timeoutMs = 10_000): Promise<void> {
    if (this.provider.synced) return;
    await waitForEvent<[boolean]>(
      (listener) => {
        this.provider.on('sync', listener);
        return () => this.provider.off('sync', listener);
      },
      timeoutMs,
      `${this.channel} device on ${this.room} to sync`,
      (synced) => synced,
    );
  }

  /** Resolves once `check` holds on this device's document. */
  shows(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    return waitFor(check, timeoutMs, `${this.channel} device to show ${what}`);
  }

  /** Goes offline: edits stay local until `goOnline`. */
  goOffline(): void {
    this.provider.disconnect();
  }

  goOnline(): void {
    this.provider.connect();
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
