import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ObservableV2 } from 'lib0/observable';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { Channel } from '../../shared/channels';
import { CLOSE_DOCUMENT_FULL, CLOSE_FRAME_TOO_LARGE, CLOSE_MEMBER_MERGED } from '../../shared/protocol/closeCodes';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/messages';
import { type Backoff, DEFAULT_BACKOFF, reconnectDelay } from './backoff';
import type { StorefrontEvents } from './events';
import { queryString } from './queryString';
import type { Runtime } from './runtime';
import type { HubSocket } from './socket';

/** A keep-alive every so often; a socket that hears nothing for the second span is taken for dead. */
const PING_EVERY_MS = 20_000;
const SILENT_FOR_MS = 45_000;
/** A socket not open by then is given up and retried (an attempt can hang, e.g. after a network switch). */
const OPEN_WITHIN_MS = 10_000;

export interface ConnectionOptions {
  name: 'member' | 'catalog';
  /** `ws(s)://host/sync`. */
  syncUrl: string;
  channel: Channel;
  runtime: Runtime;
  events: ObservableV2<StorefrontEvents>;
  /** The member token, for private rooms. */
  token?: () => string | undefined;
  /** A single-use ticket for an operator's room (`POST /api/admin/socket-tickets`), taken for each socket. */
  ticket?: () => string | undefined;
  backoff?: Backoff;
  /** Whether this socket reports the revs it applies, for the monitor's latency (sampled by the caller). */
  measured: boolean;
  /** The rev a room's document has reached, for the acknowledgement; null: nothing to acknowledge. */
  revOf?: (room: string, doc: Y.Doc) => number | null;
  /** Several attempts failed before the socket ever opened: the caller checks the session. */
  onRefusedUpgrades?: () => void;
}

interface Linked {
  doc: Y.Doc;
  synced: boolean;
  waiters: Array<() => void>;
  /** Flushes waiting for the answer to the sync step 1 each sent. */
  flushes: Array<() => void>;
  awareness: awarenessProtocol.Awareness | null;
  ackedRev: number;
  onUpdate: (update: Uint8Array, origin: unknown) => void;
}

const named = (room: string, write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/**
 * One socket to one hub object, carrying several of its rooms (`GET /sync?rooms=…`, each frame
 * prefixed with its room's name; `workers/platform/room/socketIdentity.ts`). It syncs each room's
 * document by state vector on every (re)connect, so edits made offline go out then; reconnects
 * back off with jitter (`backoff.ts`); a keep-alive notices a dead network.
 */
export class HubConnection {
  private readonly rooms = new Map<string, Linked>();
  private socket: HubSocket | null = null;
  private open = false;
  private attempt = 0;
  private failuresBeforeOpen = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private opening: ReturnType<typeof setTimeout> | null = null;
  private heardAt = 0;
  private stopped = false;
  private offlineTold = false;

  constructor(private readonly options: ConnectionOptions) {}

  /** Whether the socket is open now. */
  get online(): boolean {
    return this.open;
  }

  /** Sockets this connection holds now (0 or 1). */
  get sockets(): number {
    return this.socket ? 1 : 0;
  }

  /** Carries exactly these rooms from now on (reconnecting when the set changed). */
  setRooms(rooms: ReadonlyArray<{ name: string; doc: Y.Doc }>): void {
    const wanted = new Map(rooms.map((r) => [r.name, r.doc]));
    const same =
      wanted.size === this.rooms.size && [...wanted].every(([name, doc]) => this.rooms.get(name)?.doc === doc);
    if (same) return;
    for (const [name, linked] of this.rooms) {
      if (wanted.get(name) !== linked.doc) this.unlink(name, linked);
    }
    for (const [name, doc] of wanted) if (!this.rooms.has(name)) this.link(name, doc);
    this.reconnect();
  }

  /** Resolves once `room` has synced with the hub on the current socket (at once if it has). */
  synced(room: string): Promise<void> {
    const linked = this.rooms.get(room);
    if (!linked) return Promise.reject(new Error(`${room} is not on this connection`));
    if (linked.synced) return Promise.resolve();
    return new Promise((resolve) => linked.waiters.push(resolve));
  }

  /**
   * Resolves once the hub holds every edit made to `room` before the call: a sync step 1 sent
   * after them is answered after they are applied (a socket's frames are handled in order).
   * Waits for the socket to be open and synced first.
   */
  async flush(room: string): Promise<void> {
    await this.synced(room);
    const linked = this.rooms.get(room);
    const socket = this.socket;
    if (!linked || !socket) throw new Error(`${room} is not connected`);
    await new Promise<void>((resolve) => {
      linked.flushes.push(resolve);
      socket.send(
        named(room, (e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          syncProtocol.writeSyncStep1(e, linked.doc);
        }),
      );
    });
  }

  /** Drops the socket and connects again at once (new rooms, a new token, the app back in front). */
  reconnect(): void {
    this.stopped = false;
    this.attempt = 0;
    this.teardown();
    if (this.rooms.size > 0) this.connect();
  }

  /** Closes the socket and stops reconnecting until `reconnect`. */
  pause(): void {
    this.stopped = true;
    this.teardown();
  }

  destroy(): void {
    this.pause();
    for (const [name, linked] of this.rooms) this.unlink(name, linked);
  }

  private link(name: string, doc: Y.Doc): void {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      if (this.open && this.socket) {
        this.socket.send(
          named(name, (e) => {
            encoding.writeVarUint(e, MESSAGE_SYNC);
            syncProtocol.writeUpdate(e, update);
          }),
        );
      } else if (!this.offlineTold) {
        this.offlineTold = true;
        this.options.events.emit('refusal', [{ kind: 'offline' }]);
      }
    };
    doc.on('update', onUpdate);
    this.rooms.set(name, { doc, synced: false, waiters: [], flushes: [], awareness: null, ackedRev: 0, onUpdate });
  }

  private unlink(name: string, linked: Linked): void {
    linked.doc.off('update', linked.onUpdate);
    linked.awareness?.destroy();
    this.rooms.delete(name);
  }

  private url(): string {
    const rooms = [...this.rooms.keys()].join(',');
    const query = queryString({
      rooms,
      channel: this.options.channel,
      token: this.options.token?.() || undefined,
      ticket: this.options.ticket?.() || undefined,
    });
    return `${this.options.syncUrl}?${query}`;
  }

  private connect(): void {
    this.options.events.emit('connection', [this.options.name, 'connecting']);
    const socket = this.options.runtime.openSocket(this.url(), {
      open: () => {
        if (socket !== this.socket) return;
        if (this.opening) clearTimeout(this.opening);
        this.opening = null;
        this.open = true;
        this.failuresBeforeOpen = 0;
        this.heardAt = Date.now();
        this.offlineTold = false;
        for (const [name, linked] of this.rooms) {
          socket.send(
            named(name, (e) => {
              encoding.writeVarUint(e, MESSAGE_SYNC);
              syncProtocol.writeSyncStep1(e, linked.doc);
            }),
          );
        }
        this.pinger = setInterval(() => this.keepAlive(socket), PING_EVERY_MS);
        this.options.events.emit('connection', [this.options.name, 'online']);
      },
      message: (frame) => {
        if (socket !== this.socket) return;
        this.heardAt = Date.now();
        if (typeof frame !== 'string') this.receive(socket, new Uint8Array(frame));
      },
      close: (code) => {
        if (socket !== this.socket) return;
        const wasOpen = this.open;
        this.teardown();
        this.closed(code, wasOpen);
      },
    });
    this.socket = socket;
    this.opening = setTimeout(() => {
      this.opening = null;
      if (socket !== this.socket || this.open) return;
      this.teardown();
      this.closed(4000, false);
    }, OPEN_WITHIN_MS);
  }

  private keepAlive(socket: HubSocket): void {
    if (Date.now() - this.heardAt > SILENT_FOR_MS) {
      socket.close(4000, 'no answer');
      return;
    }
    socket.sendText('ping');
  }

  private receive(socket: HubSocket, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const name = decoding.readVarString(decoder);
    const linked = this.rooms.get(name);
    if (!linked) return;
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      const kind = syncProtocol.readSyncMessage(decoder, reply, linked.doc, this);
      if (encoding.length(reply) > 0) {
        socket.send(
          named(name, (e) => {
            encoding.writeVarUint(e, MESSAGE_SYNC);
            encoding.writeUint8Array(e, encoding.toUint8Array(reply));
          }),
        );
      }
      if (kind === syncProtocol.messageYjsSyncStep2) {
        if (linked.synced) linked.flushes.shift()?.();
        linked.synced = true;
        this.attempt = 0;
        for (const resolve of linked.waiters.splice(0)) resolve();
      }
      if (kind !== syncProtocol.messageYjsSyncStep1) this.acknowledge(socket, name, linked);
    } else if (type === MESSAGE_AUTH) {
      // Other rooms' presence (MESSAGE_AWARENESS) is of no use to a storefront and is ignored.
      decoding.readVarUint(decoder);
      this.options.events.emit('refusal', [{ kind: 'permission-denied', room: name }]);
    }
  }

  /** A measured socket tells the room the rev it now shows (`shared/docs/ack.ts`). */
  private acknowledge(socket: HubSocket, name: string, linked: Linked): void {
    if (!this.options.measured) return;
    const rev = this.options.revOf?.(name, linked.doc) ?? null;
    if (rev === null || rev <= linked.ackedRev) return;
    linked.ackedRev = rev;
    if (!linked.awareness) {
      linked.awareness = new awarenessProtocol.Awareness(linked.doc);
      // Its renewal timer would keep a process alive; a socket's own keep-alive does that job.
      clearInterval((linked.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
    }
    linked.awareness.setLocalState({ channel: this.options.channel, seen: { room: name, rev } });
    const update = awarenessProtocol.encodeAwarenessUpdate(linked.awareness, [linked.doc.clientID]);
    socket.send(
      named(name, (e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }

  private teardown(): void {
    if (this.retry) clearTimeout(this.retry);
    if (this.pinger) clearInterval(this.pinger);
    if (this.opening) clearTimeout(this.opening);
    this.retry = null;
    this.pinger = null;
    this.opening = null;
    const socket = this.socket;
    this.socket = null;
    const wasOpen = this.open;
    this.open = false;
    for (const linked of this.rooms.values()) {
      linked.synced = false;
      linked.ackedRev = 0;
    }
    socket?.close(1000, 'done');
    if (wasOpen) this.options.events.emit('connection', [this.options.name, 'offline']);
  }

  private closed(code: number, wasOpen: boolean): void {
    const { events } = this.options;
    if (code === CLOSE_MEMBER_MERGED) {
      events.emit('refusal', [{ kind: 'merged', rooms: [...this.rooms.keys()] }]);
      this.stopped = true;
      return;
    }
    if (code === CLOSE_FRAME_TOO_LARGE) events.emit('refusal', [{ kind: 'frame-too-large', room: null }]);
    if (code === CLOSE_DOCUMENT_FULL) events.emit('refusal', [{ kind: 'document-full', room: null }]);
    if (!wasOpen) {
      this.failuresBeforeOpen += 1;
      if (this.failuresBeforeOpen === 2) this.options.onRefusedUpgrades?.();
    }
    if (this.stopped || this.rooms.size === 0) return;
    const delay = reconnectDelay(this.options.backoff ?? DEFAULT_BACKOFF, this.attempt);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
}
