import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CHANNELS } from '../../../shared/channels';
import { CHANNELS_MAP, type ChannelMonitor } from '../../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../../shared/rooms';
import { providerSynced, stockProvider } from './stockProvider';
import { E2E_ADMIN_TOKEN, type WranglerDev } from './wranglerDev';

/** The monitoring page's view of the hub: the `monitor` document, over the stock y-websocket client. */
export class MonitorSubscriber {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly denials: string[] = [];

  constructor(hub: WranglerDev) {
    this.provider = stockProvider(hub, MONITOR_ROOM, this.doc, { channel: 'pc', token: E2E_ADMIN_TOKEN }, this.denials);
    this.provider.connect();
  }

  synced(timeoutMs = 10_000): Promise<void> {
    return providerSynced(this.provider, timeoutMs, 'the monitor subscriber to sync');
  }

  /** Open sockets the monitor shows, summed over the four channels' cards. */
  online(): number {
    const channels = this.doc.getMap<ChannelMonitor>(CHANNELS_MAP);
    return CHANNELS.reduce((sum, channel) => sum + (channels.get(channel)?.connected ?? 0), 0);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
