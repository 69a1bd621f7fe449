import { DurableObject } from 'cloudflare:workers';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_DOCUMENT_FULL,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED_FRAME,
  CLOSE_UNSUPPORTED_DATA,
} from '../../../shared/protocol/closeCodes';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  PERMISSION_DENIED,
} from '../../../shared/protocol/messages';
import { clock } from '../clock';
import { errorResponse } from '../errorShape';
import { DocStore } from './docStore';
import { type RelayCount, RelayFanout, type RelayNamespace, type RelaySync } from './relayFanout';
import { RoomDoc } from './roomDoc';
import type { RoomObserver, RoomSocket, RoomSockets } from './roomObserver';
import { readSocketJoin, type SocketIdentity, type SocketJoin } from './socketIdentity';

/**
 * Awareness clients a socket controls in one room, and their last encoded state, to rebuild on
 * wake (writable rooms only: presence in a read-only room is never stored, see `hearPrivately`).
 */
interface HeldAwareness {
  clientIds: number[];
  awareness: Uint8Array | null;
}

/** What a socket carries through hibernation (must stay under the 16 KiB attachment limit). */
interface SocketAttachment<I extends SocketIdentity> extends SocketJoin<I> {
  /** When the socket joined (`RoomSocket.connectedAt`). */
  connectedAt: number;
  /** By room. */
  awareness: Record<string, HeldAwareness>;
}

/** A socket's rooms as observers see them, and whether its frames name their room. */
interface SocketPlace<I extends SocketIdentity> {
  mux: boolean;
  rooms: Map<string, RoomSocket<I>>;
}

/** Origin of changes the room's own code makes (as opposed to a client socket). */
export const SERVER_ORIGIN = Symbol('server');
/**
 * Origin of server changes that come in rushes (stock moved by orders): each is coalesced with
 * the ones right after it, however the room's own `coalesceMs` is set.
 */
export const BURST_ORIGIN = Symbol('server-burst');
/**
 * What a room did to a client's write in the transaction that applied it
 * (`YRoom.correctClientWrite`): `corrected` when it changed the document, `refused` when the
 * client wrote something it may not.
 */
export interface WriteCorrection {
  corrected: boolean;
  refused: boolean;
}
const AS_WRITTEN: WriteCorrection = { corrected: false, refused: false };
/** The socket a client update came from, who it is in the room, and how to answer it there. */
export interface ClientWriter<I extends SocketIdentity> {
  socket: WebSocket;
  identity: I;
  reply(frame: Uint8Array): void;
}
/** Transaction meta key: the room changed what a client wrote, so the writer needs the result too. */
const CORRECTED = Symbol('corrected');
/** How long a burst change may wait to share one frame with those after it. */
const BURST_COALESCE_MS = 20;
/** Origins of awareness changes that are not a client speaking. */
const RESTORED = Symbol('restored');
const SOCKET_CLOSED = Symbol('socket-closed');

const MAX_AWARENESS_BYTES = 8 * 1024;
/**
 * A read-only socket hears its own awareness back only once the room has sent it nothing for this
 * long. The stock client drops a socket that hears nothing for 30 s and renews its state every
 * 15–18 s, so every silence stays under 5 + 18 s; a busy room (acks after each edit) echoes none.
 */
const ECHO_AFTER_QUIET_MS = 5_000;

const message = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** Refuses a client write: y-websocket auth message `permission-denied`. */
export const PERMISSION_DENIED_FRAME = message((e) => {
  encoding.writeVarUint(e, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(e, PERMISSION_DENIED);
});

const syncStep1Frame = (doc: Y.Doc) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });

const updateFrame = (update: Uint8Array) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
  });

const awarenessFrame = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

/** A frame as a multiplexed socket receives it: the room's name first. */
const namedFrame = (room: string, frame: Uint8Array) =>
  message((e) => {
    encoding.writeVarString(e, room);
    encoding.writeUint8Array(e, frame);
  });

class FrameError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The y-websocket protocol for a Durable Object, shared by every room: sync step 1/2 and
 * updates, awareness, refusals through the auth message, frame limits, the Hibernation API and
 * the document kept in the object's SQLite storage. A socket joins one room, or several rooms of
 * the object multiplexed (`SocketJoin`). Subclasses decide who may join (`admit`),
 * author server-side changes inside `doc.transact(…, SERVER_ORIGIN)`, may check client
 * updates to writable rooms (`applyClientUpdate`) and attach observers (`observe`). `I` is the
 * identity the app gives its sockets.
 */
export abstract class YRoom<E = Cloudflare.Env, I extends SocketIdentity = SocketIdentity> extends DurableObject<E> {
  /** Frames larger than this close the socket that sent them. */
  protected maxFrameBytes = 1024 * 1024;
  /**
   * A client update that would take the stored document past this closes the socket that sent
   * it. Deleting never shrinks a Yjs document all the way (a map keeps the keys of deleted
   * entries), so rooms whose clients may write set a bound.
   */
  protected maxDocBytes = Number.POSITIVE_INFINITY;
  /**
   * Server-authored changes that follow another within this window go out as one merged frame
   * at its end (0: every change is sent at once). Rooms fed by bursts (the catalog during a
   * flash sale) set it: thousands of tiny sends per second stall the object.
   */
  protected coalesceMs = 0;
  /** The open sockets of this object's rooms, and those its relays hold, for observers to read. */
  protected readonly sockets: RoomSockets<I> = {
    open: (name) => this.openSockets(name),
    relayed: (name) => this.relays()?.tallies(name) ?? {},
  };
  private readonly observers: RoomObserver<I>[] = [];
  private readonly rooms = new Map<string, RoomDoc>();
  /**
   * Per room, the server updates held back until the current coalescing window closes, and the
   * origin of the last of them.
   */
  private readonly held = new Map<string, { updates: Uint8Array[]; origin: unknown }>();
  private readonly places = new WeakMap<WebSocket, SocketPlace<I>>();
  /** When each room last sent a frame to all its sockets (this instance's memory only). */
  private readonly lastBroadcastAt = new Map<string, number>();
  /** This object's relay shards; null when its rooms have none (undefined: not looked up yet). */
  private fanout: RelayFanout | null | undefined;
  private awake = false;

  constructor(ctx: DurableObjectState, env: E) {
    super(ctx, env);
    // Lets clients keep a socket alive without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** Decides whether `identity` may join; a Response refuses the upgrade with it. */
  protected abstract admit(identity: I): Promise<Response | null>;

  /**
   * Applies a client's update to a writable room, with the room's corrections in the same
   * transaction: what the room undoes never leaves the object, and the writer, whose later
   * updates build on what it wrote, stays in step. A corrected write goes to every socket, the
   * writer's too; a refused one also tells the writer with permission-denied.
   */
  protected applyClientUpdate(room: RoomDoc, update: Uint8Array, writer: ClientWriter<I>): void {
    const { socket, identity } = writer;
    let correction = AS_WRITTEN;
    room.doc.transact((transaction) => {
      // Applying marks the transaction remote, so Yjs gives the room a new client id when the
      // correction writes in it (it takes such a write for another client with the same id):
      // harmless, and the price of the correction leaving in the same update as the write.
      Y.applyUpdate(room.doc, update, socket);
      correction = this.correctClientWrite(room, identity);
      if (correction.corrected) transaction.meta.set(CORRECTED, true);
    }, socket);
    if (correction.refused) writer.reply(PERMISSION_DENIED_FRAME);
  }

  /**
   * Brings the document back within the room's rules right after a client's update was applied,
   * inside its transaction (`applyClientUpdate`). Rooms that check what clients write override it.
   */
  protected correctClientWrite(_room: RoomDoc, _identity: I): WriteCorrection {
    return AS_WRITTEN;
  }

  /**
   * The relay objects (RoomRelay.ts) this object's crowded rooms spread their subscribers over;
   * null (the default): every socket stays here.
   */
  protected relayNamespace(): RelayNamespace | null {
    return null;
  }

  /**
   * How many subscribers of `room` this object holds before new ones go to relays, and each relay
   * shard holds at most. Only read-only rooms are relayed; infinite (the default): never.
   */
  protected relayThreshold(_room: string): number {
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Where the Worker should open a new socket of `identity`: null for this object, else the name
   * of a relay object (`relayPlacement.ts`). A socket the room would refuse stays here, to be
   * refused by the upgrade as usual.
   */
  async placeSocket(identity: I): Promise<string | null> {
    this.wake();
    const fanout = this.relays();
    const threshold = this.relayThreshold(identity.room);
    if (!fanout || identity.writable || !Number.isFinite(threshold)) return null;
    if (await this.admit(identity)) return null;
    return fanout.place(identity.room, this.ctx.getWebSockets(identity.room).length, threshold);
  }

  /**
   * A relay shard of `room` joins or catches up: what its state vector lacks, and the cursor its
   * pushes go on from. From this turn on, every update the room broadcasts is pushed to it too.
   */
  async relaySync(room: string, shard: number, stateVector: Uint8Array, count: RelayCount): Promise<RelaySync> {
    const fanout = this.relays();
    if (!fanout || !Number.isFinite(this.relayThreshold(room))) throw new Error(`room ${room} has no relays`);
    const doc = this.room(room).doc;
    const cursor = fanout.join(room, shard, count);
    this.tell((observer) => observer.socketsChanged?.(room));
    return { ...cursor, update: Y.encodeStateAsUpdate(doc, stateVector) };
  }

  /** A relay shard's subscribers changed; one left with none is forgotten, and pushed nothing more. */
  async relayReport(room: string, shard: number, count: RelayCount): Promise<void> {
    this.wake();
    if (this.relays()?.report(room, shard, count)) this.tell((observer) => observer.socketsChanged?.(room));
  }

  /** Lets `observer` hear this object's rooms from now on; answers it, for a field to keep. */
  protected observe<O extends RoomObserver<I>>(observer: O): O {
    this.observers.push(observer);
    return observer;
  }

  /** The live replica of `name`, loaded from storage on first use. */
  protected room(name: string): RoomDoc {
    this.wake();
    return this.roomDoc(name);
  }

  /** The names of this object's rooms that have an open socket now. */
  protected liveRooms(): Set<string> {
    const names = new Set<string>();
    for (const socket of this.ctx.getWebSockets()) {
      if (socket.readyState === WebSocket.OPEN) for (const tag of this.ctx.getTags(socket)) names.add(tag);
    }
    return names;
  }

  /**
   * Drops a room nobody is connected to, its stored document too: for rooms a feature makes on
   * demand and retires. Answers false, and keeps the room, while a socket is open on it.
   */
  protected forgetRoom(name: string): boolean {
    if (this.ctx.getWebSockets(name).some((s) => s.readyState === WebSocket.OPEN)) return false;
    const room = this.rooms.get(name);
    room?.doc.destroy();
    this.rooms.delete(name);
    this.held.delete(name);
    this.lastBroadcastAt.delete(name);
    (room?.store ?? new DocStore(this.ctx.storage, name)).erase();
    return true;
  }

  override async fetch(request: Request): Promise<Response> {
    this.wake();
    if (request.headers.get('Upgrade') !== 'websocket') {
      return errorResponse(426, 'upgrade_required', 'connect with a WebSocket upgrade');
    }
    const join = readSocketJoin<I>(request);
    if (!join || join.identities.length === 0) return errorResponse(400, 'bad_request', 'missing socket identity');
    for (const identity of join.identities) {
      const refusal = await this.admit(identity);
      if (refusal) return refusal;
    }

    const { 0: client, 1: server } = new WebSocketPair();
    const names = join.identities.map((i) => i.room);
    this.ctx.acceptWebSocket(server, names);
    const attachment: SocketAttachment<I> = { ...join, connectedAt: clock.now(), awareness: {} };
    server.serializeAttachment(attachment);
    const place = this.placeOf(server);
    for (const identity of join.identities) {
      const room = this.roomDoc(identity.room);
      server.send(this.framed(place, identity.room, syncStep1Frame(room.doc)));
      this.tell((observer) => observer.socketsChanged?.(identity.room));
      const others = identity.writable ? [...room.awareness.getStates().keys()] : [];
      if (others.length > 0) server.send(this.framed(place, identity.room, awarenessFrame(room.awareness, others)));
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(socket: WebSocket, data: ArrayBuffer | string): Promise<void> {
    this.wake();
    try {
      if (typeof data === 'string') throw new FrameError(CLOSE_UNSUPPORTED_DATA, 'binary frames only');
      if (data.byteLength > this.maxFrameBytes) {
        throw new FrameError(CLOSE_FRAME_TOO_LARGE, `frame over ${this.maxFrameBytes} bytes`);
      }
      this.handleFrame(socket, new Uint8Array(data));
    } catch (error) {
      const code = error instanceof FrameError ? error.code : CLOSE_MALFORMED_FRAME;
      const reason = error instanceof FrameError ? error.message : 'malformed frame';
      this.drop(socket, code, reason);
    }
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    this.wake();
    this.drop(socket, code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    this.wake();
    this.drop(socket, 1011, 'socket error');
  }

  /** The relay shards, read from storage once per instance by objects whose rooms have relays. */
  private relays(): RelayFanout | null {
    if (this.fanout === undefined) {
      const namespace = this.relayNamespace();
      this.fanout = namespace ? new RelayFanout(this.ctx.storage, namespace) : null;
    }
    return this.fanout;
  }

  /** The open sockets of `name`, as observers see them. */
  private *openSockets(name: string): Generator<RoomSocket<I>> {
    for (const socket of this.ctx.getWebSockets(name)) {
      const seat = socket.readyState === WebSocket.OPEN ? this.placeOf(socket).rooms.get(name) : undefined;
      if (seat) yield seat;
    }
  }

  /**
   * A socket's rooms, identities and join time, which never change: read from its attachment once
   * per instance, since reading a crowded room's sockets would otherwise copy every attachment each time.
   */
  private placeOf(socket: WebSocket): SocketPlace<I> {
    let place = this.places.get(socket);
    if (!place) {
      const { identities, mux, connectedAt } = socket.deserializeAttachment() as SocketAttachment<I>;
      place = { mux, rooms: new Map(identities.map((identity) => [identity.room, { identity, connectedAt }])) };
      this.places.set(socket, place);
    }
    return place;
  }

  /** `frame` as this socket receives frames of `room`. */
  private framed(place: SocketPlace<I>, room: string, frame: Uint8Array): Uint8Array {
    return place.mux ? namedFrame(room, frame) : frame;
  }

  /** Tells every observer; an observer has no say in the room, so its failure is only logged. */
  private tell(hook: (observer: RoomObserver<I>) => void): void {
    for (const observer of this.observers) {
      try {
        hook(observer);
      } catch (error) {
        console.error('room observer', error);
      }
    }
  }

  private handleFrame(socket: WebSocket, frame: Uint8Array): void {
    const place = this.placeOf(socket);
    const decoder = decoding.createDecoder(frame);
    const name = place.mux ? decoding.readVarString(decoder) : [...place.rooms.keys()][0];
    const seat = name === undefined ? undefined : place.rooms.get(name);
    if (!seat || name === undefined) throw new FrameError(CLOSE_MALFORMED_FRAME, 'not a room of this socket');
    const room = this.roomDoc(name);
    const reply = (answer: Uint8Array) => socket.send(this.framed(place, name, answer));
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC:
        this.handleSync(socket, seat.identity, room, decoder, reply);
        return;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        if (update.byteLength > MAX_AWARENESS_BYTES) {
          throw new FrameError(CLOSE_AWARENESS_TOO_LARGE, 'awareness state too large');
        }
        // Decoding every entry first means a malformed one is refused before any applies: applying
        // stops at it but keeps the entries before it, unheard and owned by no socket, so newcomers
        // would see that presence long after the socket is gone.
        awarenessProtocol.modifyAwarenessUpdate(update, (state: unknown) => state);
        if (seat.identity.writable) awarenessProtocol.applyAwarenessUpdate(room.awareness, update, socket);
        else this.hearPrivately(socket, seat, room, update, frame);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        reply(awarenessFrame(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        return; // clients have nothing to tell the server through it
      default:
        throw new FrameError(CLOSE_MALFORMED_FRAME, 'unknown message type');
    }
  }

  private handleSync(
    socket: WebSocket,
    identity: I,
    room: RoomDoc,
    decoder: decoding.Decoder,
    reply: (frame: Uint8Array) => void,
  ): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      reply(
        message((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(e, room.doc, stateVector);
        }),
      );
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new FrameError(CLOSE_MALFORMED_FRAME, 'unknown sync message');
    }
    const update = decoding.readVarUint8Array(decoder);
    // Decoding the whole update first means a malformed one is refused before any of it applies.
    Y.decodeUpdate(update);
    if (room.contains(update)) return; // the usual answer to our step 1: nothing new
    if (!identity.writable) {
      reply(PERMISSION_DENIED_FRAME);
      return;
    }
    if (room.store.bytes + update.byteLength > this.maxDocBytes) {
      // The log overstates the document; only the exact size after compaction refuses a write.
      room.store.compact(room.doc);
      if (room.store.bytes + update.byteLength > this.maxDocBytes) {
        throw new FrameError(CLOSE_DOCUMENT_FULL, `document over ${this.maxDocBytes} bytes`);
      }
    }
    this.applyClientUpdate(room, update, { socket, identity, reply });
  }

  /** Creates the replica and wires persistence and fan-out to it. */
  private roomDoc(name: string): RoomDoc {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const room = new RoomDoc(name, this.ctx.storage);
    room.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (room.isReplay(origin)) return;
      room.store.append(update, room.doc);
      this.fanOut(name, update, origin, transaction.meta.has(CORRECTED));
    });
    room.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === RESTORED) return;
        // Tracked first: a socket whose states grow too large is dropped before anyone hears them.
        if (origin instanceof WebSocket) this.trackAwareness(origin, room, [...added, ...updated], removed);
        // Echoed to the sender too: a client alone in a room hears its own 15 s renewal, which
        // keeps the stock client's 30 s silence timeout from dropping it.
        this.broadcast(name, awarenessFrame(room.awareness, [...added, ...updated, ...removed]));
      },
    );
    this.rooms.set(name, room);
    return room;
  }

  /** Keeps the socket's awareness in its attachment, and tells observers the states it heard. */
  private trackAwareness(socket: WebSocket, room: RoomDoc, changed: number[], removed: number[]): void {
    const attachment = socket.deserializeAttachment() as SocketAttachment<I>;
    const ids = new Set(attachment.awareness[room.name]?.clientIds ?? []);
    for (const id of changed) ids.add(id);
    for (const id of removed) ids.delete(id);
    const clientIds = [...ids];
    const encoded = ids.size > 0 ? awarenessProtocol.encodeAwarenessUpdate(room.awareness, clientIds) : null;
    if ((encoded?.byteLength ?? 0) > MAX_AWARENESS_BYTES) {
      // Remembered without its state, so dropping the socket removes these clients everywhere.
      attachment.awareness[room.name] = { clientIds, awareness: null };
      socket.serializeAttachment(attachment);
      throw new FrameError(CLOSE_AWARENESS_TOO_LARGE, 'awareness state too large');
    }
    attachment.awareness[room.name] = { clientIds, awareness: encoded };
    socket.serializeAttachment(attachment);
    const seat = this.placeOf(socket).rooms.get(room.name);
    if (!seat) return;
    const states = room.awareness.getStates();
    for (const id of changed) {
      const state = states.get(id);
      if (state) this.tell((observer) => observer.awarenessHeard?.(room.name, seat, state));
    }
  }

  /**
   * Presence in a read-only room is private: subscribers of a SKU or of the catalog have no use
   * for each other's, and relaying it would cost N sends per state change, which the stock client
   * answers by re-sending what it heard (N² frames per 15 s renewal round). The state is only
   * told to observers, and echoed to its sender when the room has been quiet: hearing its own
   * renewal keeps the stock client's 30 s silence timeout from closing a quiet socket.
   */
  private hearPrivately(
    socket: WebSocket,
    place: RoomSocket<I>,
    room: RoomDoc,
    update: Uint8Array,
    frame: Uint8Array,
  ): void {
    awarenessProtocol.modifyAwarenessUpdate(update, (state: unknown) => {
      if (state !== null) this.tell((observer) => observer.awarenessHeard?.(room.name, place, state));
      return state;
    });
    const lastHeard = Math.max(this.lastBroadcastAt.get(room.name) ?? 0, place.connectedAt);
    if (clock.now() - lastHeard >= ECHO_AFTER_QUIET_MS) socket.send(frame);
  }

  /**
   * Sends an accepted update to the room. The first server change in a quiet period goes out at
   * once, so a lone edit pays no delay; the rest of a burst is merged into one frame.
   */
  private fanOut(name: string, update: Uint8Array, origin: unknown, toWriterToo: boolean): void {
    const windowMs =
      origin === BURST_ORIGIN
        ? Math.max(this.coalesceMs, BURST_COALESCE_MS)
        : origin === SERVER_ORIGIN
          ? this.coalesceMs
          : 0;
    const held = this.held.get(name);
    if (windowMs === 0) {
      // Whatever is held goes first, so every client applies the changes in the order they were made.
      if (held && held.updates.length > 0) this.sendUpdate(name, Y.mergeUpdates(held.updates.splice(0)), held.origin);
      this.sendUpdate(name, update, origin, toWriterToo ? null : origin);
      return;
    }
    if (held) {
      held.updates.push(update);
      held.origin = origin;
      return;
    }
    this.sendUpdate(name, update, origin);
    this.held.set(name, { updates: [], origin });
    setTimeout(() => {
      const burst = this.held.get(name);
      this.held.delete(name);
      if (burst && burst.updates.length > 0) this.sendUpdate(name, Y.mergeUpdates(burst.updates), burst.origin);
    }, windowMs);
  }

  /**
   * Sends an update to the room (except to `skip`, the socket it came from) and to its relay
   * shards, and tells the observers.
   */
  private sendUpdate(name: string, update: Uint8Array, origin: unknown, skip: unknown = origin): void {
    this.broadcast(name, updateFrame(update), skip);
    this.relays()?.push(name, update);
    this.tell((observer) => observer.updateBroadcast?.(name, update, origin));
  }

  /**
   * Sends one encoded frame to every socket of the room (except the one it came from): the same
   * bytes to every plain socket, and one named copy to every multiplexed one.
   */
  private broadcast(name: string, frame: Uint8Array, except?: unknown): void {
    this.lastBroadcastAt.set(name, clock.now());
    let named: Uint8Array | null = null;
    for (const socket of this.ctx.getWebSockets(name)) {
      if (socket === except) continue;
      try {
        if (this.placeOf(socket).mux) {
          named ??= namedFrame(name, frame);
          socket.send(named);
        } else socket.send(frame);
      } catch {
        // A socket that is closing gets its webSocketClose call; nothing to do here.
      }
    }
  }

  /**
   * After hibernation or a restart the object is new: rebuild awareness from the sockets'
   * attachments and ask every writable socket for what the room may lack (sync step 1). A
   * read-only socket has nothing the room would take, so a crowded SKU room wakes quietly.
   */
  private wake(): void {
    if (this.awake) return;
    this.awake = true;
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as SocketAttachment<I> | null;
      for (const identity of attachment?.identities ?? []) {
        if (!attachment || !identity.writable) continue;
        const room = this.roomDoc(identity.room);
        const held = attachment.awareness[identity.room]?.awareness;
        if (held) awarenessProtocol.applyAwarenessUpdate(room.awareness, held, RESTORED);
        try {
          socket.send(this.framed(this.placeOf(socket), identity.room, syncStep1Frame(room.doc)));
        } catch {
          // closing; its close event cleans up
        }
      }
    }
  }

  /** Closes one socket and forgets its awareness; the room and every other socket are untouched. */
  private drop(socket: WebSocket, code: number, reason: string): void {
    const attachment = socket.deserializeAttachment() as SocketAttachment<I> | null;
    const held = Object.entries(attachment?.awareness ?? {}).filter(([, h]) => h.clientIds.length > 0);
    if (attachment && held.length > 0) {
      attachment.awareness = {};
      socket.serializeAttachment(attachment);
      for (const [name, { clientIds }] of held) {
        awarenessProtocol.removeAwarenessStates(this.roomDoc(name).awareness, clientIds, SOCKET_CLOSED);
      }
    }
    try {
      socket.close(code, reason.slice(0, 120));
    } catch {
      // already closed
    }
    for (const identity of attachment?.identities ?? []) {
      this.tell((observer) => observer.socketsChanged?.(identity.room));
    }
  }
}
