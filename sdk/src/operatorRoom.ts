import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import { HubConnection } from './connection';
import type { ConnectionState, StorefrontEvents } from './events';
import { type LiveView, liveView } from './liveView';
import type { Runtime } from './runtime';

export interface OperatorRoomOptions {
  /** The hub, e.g. `https://mall.example.com`. */
  url: string;
  /** The admin token (`ADMIN_TOKEN`). */
  token: string;
  /** An operator's room, e.g. `monitor`. */
  room: string;
  runtime: Runtime;
}

/**
 * One of the back office's live rooms (the monitor) over the SDK's connection: reconnects with
 * backoff, resyncs by state vector, and says whether it is live.
 */
export const openOperatorRoom = (options: OperatorRoomOptions) => {
  const events = new ObservableV2<StorefrontEvents>();
  const doc = new Y.Doc();
  let state: ConnectionState = 'connecting';
  const listeners = new Set<() => void>();
  events.on('connection', (_socket, next) => {
    state = next;
    for (const listener of [...listeners]) listener();
  });
  const connection = new HubConnection({
    name: 'catalog',
    syncUrl: `${options.url.replace(/\/$/, '').replace(/^http/, 'ws')}/sync`,
    channel: 'pc',
    runtime: options.runtime,
    events,
    token: () => options.token,
    measured: false,
  });
  connection.setRooms([{ name: options.room, doc }]);
  const status: LiveView<ConnectionState> = liveView(
    () => state,
    (changed) => {
      listeners.add(changed);
      return () => listeners.delete(changed);
    },
  );
  return {
    doc,
    status,
    synced: connection.synced(options.room),
    close: () => {
      connection.destroy();
      doc.destroy();
    },
  };
};
