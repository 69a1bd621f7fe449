import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../../../shared/channels';
import { providerSynced, stockProvider } from './stockProvider';
import { waitFor } from './wait';
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
    this.provider = stockProvider(hub, room, this.doc, { channel, token }, this.denials);
    this.provider.connect();
  }

  map<T = unknown>(name: string): Y.Map<T> {
    return this.doc.getMap<T>(name);
  }

  /** Resolves once the provider has (re)synced with the hub. */
  synced(timeoutMs = 10_000): Promise<void> {
    return providerSynced(this.provider, timeoutMs, `${this.channel} device on ${this.room} to sync`);
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
