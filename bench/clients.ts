/**
 * Benchmark clients: stock Yjs clients over their own sockets, connected in a bounded window,
 * and an arrival log that resolves waits the moment enough arrivals are in (no polling).
 */
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Channel } from '../shared/channels';
import { reportSeenRevs } from '../shared/sdk/reportSeenRevs';

/**
 * How a server speaks: the y-websocket protocol (the hub and the reference server; the stock
 * `WebsocketProvider`), or Hocuspocus's (every message prefixed with the document name, so it
 * needs `@hocuspocus/provider`).
 */
export type Protocol = 'y-websocket' | 'hocuspocus';

export interface Target {
  name: string;
  protocol: Protocol;
  /** Base URL the provider is given. */
  url: string;
  /**
   * Whether clients offer permessage-deflate, as `ws` and every browser do (default). The hub's
   * runtime accepts the offer (the peers' servers decline it), so `false` shows its cost.
   */
  offerDeflate?: boolean;
  /**
   * Whether each client reports the revs it applied through awareness, as the project's SDK does
   * (`reportSeenRevs`, README "Monitoring page"). Hub rooms only.
   */
  reportSeen?: { map: string };
  /** The WebSocket class clients use instead (e.g. one that counts what it receives). */
  WebSocket?: typeof globalThis.WebSocket;
}

export interface SyncClient {
  readonly doc: Y.Doc;
  /** Resolves once the client has synced with the server (its first sync step 2). */
  readonly synced: Promise<void>;
  destroy(): void;
}

/** Milliseconds on the monotonic clock of this process. */
export const now = (): number => performance.now();

/** A `now()` reading as wall-clock milliseconds (comparable with a server's Date.now()). */
export const wallClock = (monotonic: number): number => performance.timeOrigin + monotonic;

const Polyfill = WebSocket as unknown as typeof globalThis.WebSocket;

/** `ws` without the permessage-deflate offer. */
class PlainWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: false });
  }
}
const PlainPolyfill = PlainWebSocket as unknown as typeof globalThis.WebSocket;

// Every WebsocketProvider adds a process 'exit' listener (to drop its awareness state); a
// thousand of them are expected here, not a leak.
process.setMaxListeners(0);

const openYWebsocket = (target: Target, room: string, channel: Channel, doc: Y.Doc): SyncClient => {
  const provider = new WebsocketProvider(target.url, room, doc, {
    params: { channel },
    WebSocketPolyfill: target.WebSocket ?? (target.offerDeflate === false ? PlainPolyfill : Polyfill),
    // Each client stands for a separate device: no shortcut between providers in this process.
    disableBc: true,
  });
  if (target.reportSeen) reportSeenRevs(provider.awareness, channel, room, doc.getMap(target.reportSeen.map));
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
};

const openHocuspocus = (target: Target, room: string, doc: Y.Doc): SyncClient => {
  // One socket per client (no multiplexing), like the y-websocket clients.
  const socket = new HocuspocusProviderWebsocket({
    url: target.url,
    WebSocketPolyfill: target.offerDeflate === false ? PlainPolyfill : Polyfill,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc });
  const synced = new Promise<void>((resolve) => {
    const onSynced = ({ state }: { state: boolean }) => {
      if (!state) return;
      provider.off('synced', onSynced);
      resolve();
    };
    provider.on('synced', onSynced);
  });
  provider.attach();
  return {
    doc,
    synced,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
};

/** Opens one client of `room` on `target`; `channel` is the hub's `?channel=` (peers ignore it). */
export const openClient = (target: Target, room: string, channel: Channel, doc = new Y.Doc()): SyncClient =>
  target.protocol === 'hocuspocus' ? openHocuspocus(target, room, doc) : openYWebsocket(target, room, channel, doc);

/** Rejects with `label` after `timeoutMs` unless `promise` settles first. */
export const withTimeout = <T>(promise: Promise<T>, timeoutMs: number, label: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** What `connectAll` opens: a Yjs client (ready once synced) or a bare socket (ready once open). */
interface Connecting {
  readonly synced: Promise<void>;
  destroy(): void;
}

/**
 * Opens `count` clients with at most `window` of them connecting at once (each slot is freed when
 * its client is ready); resolves with all of them and the time until the last one was ready.
 */
export const connectAll = async <Client extends Connecting>(
  count: number,
  open: (index: number) => Client,
  options: { window: number; timeoutMs: number; label: string },
): Promise<{ clients: Client[]; elapsedMs: number }> => {
  const clients: Client[] = [];
  const started = now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const client = open(next++);
      clients.push(client);
      await client.synced;
    }
  };
  const lanes = Array.from({ length: Math.min(options.window, count) }, lane);
  try {
    await withTimeout(Promise.all(lanes), options.timeoutMs, `${count} ${options.label} clients to sync`);
  } catch (error) {
    for (const c of clients) c.destroy();
    throw error;
  }
  return { clients, elapsedMs: now() - started };
};

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

/**
 * Arrival times per key (e.g. a rev, or a SKU and rev), recorded by the clients' observers. A
 * wait resolves on the arrival that completes it, so waiting adds nothing to what is measured.
 */
export class Arrivals {
  private readonly byKey = new Map<string, number[]>();
  private waiters: Waiter[] = [];
  total = 0;

  record(key: string, at: number): void {
    let list = this.byKey.get(key);
    if (!list) {
      list = [];
      this.byKey.set(key, list);
    }
    list.push(at);
    this.total += 1;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.done());
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  times(key: string): number[] {
    return this.byKey.get(key) ?? [];
  }

  count(key: string): number {
    return this.byKey.get(key)?.length ?? 0;
  }

  /** Resolves once `done()` holds (checked now and after each arrival); rejects after `timeoutMs`. */
  until(done: () => boolean, timeoutMs: number, label: string): Promise<void> {
    if (done()) return Promise.resolve();
    const waiter: Waiter = { done, resolve: () => undefined };
    const reached = new Promise<void>((resolve) => {
      waiter.resolve = resolve;
    });
    this.waiters.push(waiter);
    return withTimeout(reached, timeoutMs, label).catch((error: unknown) => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      throw error;
    });
  }
}

/** Calls `onRev(rev, at)` each time `map`'s `rev` grows (one call per applied change). */
export const watchRev = (map: Y.Map<unknown>, onRev: (rev: number, at: number) => void): void => {
  let last = Number.NEGATIVE_INFINITY;
  map.observe(() => {
    const at = now();
    const rev = map.get('rev');
    if (typeof rev !== 'number' || rev <= last) return;
    last = rev;
    onRev(rev, at);
  });
};
