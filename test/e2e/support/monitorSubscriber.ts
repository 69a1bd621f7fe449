import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CHANNELS } from '../../../shared/channels';
import { CHANNELS_MAP, type ChannelMonitor } from '../../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../../shared/rooms';
import { socketTicket } from './hubApi';
import { providerSynced, stockProvider } from './stockProvider';
import type { WranglerDev } from './wranglerDev';

/**
 * The monitoring page's view of the hub: the `monitor` document, over the stock y-websocket client,
 * as a script opens it: with a single-use ticket, a new one for each reconnect.
 */
export class MonitorSubscriber {
  private constructor(
    private readonly hub: WranglerDev,
    readonly doc: Y.Doc,
    readonly denials: string[],
    readonly provider: WebsocketProvider,
  ) {}

  static async open(hub: WranglerDev): Promise<MonitorSubscriber> {
    const doc = new Y.Doc();
    const denials: string[] = [];
    const provider = stockProvider(hub, MONITOR_ROOM, doc, { channel: 'pc', ticket: await socketTicket(hub) }, denials);
    const subscriber = new MonitorSubscriber(hub, doc, denials, provider);
    // The stock client reads `params` for each connection: a used ticket is replaced as soon as the socket closes.
    provider.on('connection-close', () => subscriber.renewTicket());
    provider.connect();
    return subscriber;
  }

  private renewTicket(): void {
    socketTicket(this.hub).then(
      (ticket) => {
        this.provider.params = { ...this.provider.params, ticket };
      },
      // The hub is down (a crash test): the next close asks again.
      () => undefined,
    );
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
