import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import type { Backoff } from './backoff';
import { HubConnection } from './connection';
import type { ConnectionState, StorefrontEvents } from './events';
import { type LiveView, liveView } from './liveView';
import type { Runtime } from './runtime';

export interface OperatorRoomOptions {
  /** The hub, e.g. `https://mall.example.com`. */
  url: string;
  /**
   * Scripts: fetches a single-use socket ticket (`POST /api/admin/socket-tickets` with the API key).
   * Without it the socket relies on the staff session cookie a same-origin browser page sends.
   */
  ticket?: () => Promise<string>;
  /** An operator's room, e.g. `monitor`. */
  room: string;
  runtime: Runtime;
  /**
   * Reconnect delays. The default spreads a fleet of storefronts over seconds after a deploy; one
   * script watching the monitor may come back sooner.
   */
  backoff?: Backoff;
}

/**
 * One of the back office's live rooms (the monitor) over the SDK's connection: reconnects with
 * backoff, resyncs by state vector, and says whether it is live. No long-lived credential goes in
 * the socket's URL: a browser's cookie, or a ticket used once.
 */
export const openOperatorRoom = (options: OperatorRoomOptions) => {
  const events = new ObservableV2<StorefrontEvents>();
  const doc = new Y.Doc();
  let state: ConnectionState = 'connecting';
  let closed = false;
  const listeners = new Set<() => void>();
  events.on('connection', (_socket, next) => {
    state = next;
    for (const listener of [...listeners]) listener();
  });
  // A ticket works once, so the next one is fetched as soon as one is taken; a reconnect whose
  // ticket is gone or stale is refused and retried with backoff by then holding a fresh one.
  let nextTicket: string | undefined;
  const fetchTicket = async () => {
    nextTicket = await options.ticket?.();
  };
  const takeTicket = () => {
    const ticket = nextTicket;
    nextTicket = undefined;
    void fetchTicket().catch(() => undefined);
    return ticket;
  };
  const connection = new HubConnection({
    name: 'catalog',
    syncUrl: `${options.url.replace(/\/$/, '').replace(/^http/, 'ws')}/sync`,
    channel: 'pc',
    runtime: options.runtime,
    events,
    backoff: options.backoff,
    ...(options.ticket ? { ticket: takeTicket } : {}),
    measured: false,
  });
  const join = () => {
    if (!closed) connection.setRooms([{ name: options.room, doc }]);
  };
  const joined = options.ticket ? fetchTicket().then(join, join) : Promise.resolve(join());
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
    // A room closed before it joined never syncs.
    synced: joined.then(() => (closed ? new Promise<void>(() => undefined) : connection.synced(options.room))),
    close: () => {
      closed = true;
      connection.destroy();
      doc.destroy();
    },
  };
};
