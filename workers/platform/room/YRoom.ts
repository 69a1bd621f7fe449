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
import { RoomDoc } from './roomDoc';
import type { RoomObserver, RoomSocket, RoomSockets } from './roomObserver';
import { readIdentity, type SocketIdentity } from './socketIdentity';

/** What a socket carries through hibernation (must stay under the 16 KiB attachment limit). */
interface SocketAttachment<I extends SocketIdentity> {
  identity: I;
  /** When the socket joined (`RoomSocket.connectedAt`). */
  connectedAt: number;
  /**
   * Awareness clients this socket controls, and their last encoded state, to rebuild on wake
   * (writable sockets only: a read-only socket's presence is never stored, see `hearPrivately`).
   */
  clientIds: number[];
  awareness: Uint8Array | null;
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
 * the document kept in the object's SQLite storage. Subclasses decide who may join (`admit`),
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
  /** The open sockets of this object's rooms, for observers to read. */
  protected readonly sockets: RoomSockets<I> = { open: (name) => this.openSockets(name) };
  private readonly observers: RoomObserver<I>[] = [];
  private readonly rooms = new Map<string, RoomDoc>();
  /**
   * Per room, the server updates held back until the current coalescing window closes, and the
   * origin of the last of them.
   */
  private readonly held = new Map<string, { updates: Uint8Array[]; origin: unknown }>();
  private readonly places = new WeakMap<WebSocket, RoomSocket<I>>();
  /** When each room last sent a frame to all its sockets (this instance's memory only). */
  private readonly lastBroadcastAt = new Map<string, number>();
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
  protected applyClientUpdate(room: RoomDoc, update: Uint8Array, socket: WebSocket, identity: I): void {
    let correction = AS_WRITTEN;
    room.doc.transact((transaction) => {
      // Applying marks the transaction remote, so Yjs gives the room a new client id when the
      // correction writes in it (it takes such a write for another client with the same id):
      // harmless, and the price of the correction leaving in the same update as the write.
      Y.applyUpdate(room.doc, update, socket);
      correction = this.correctClientWrite(room, identity);
      if (correction.corrected) transaction.meta.set(CORRECTED, true);
    }, socket);
    if (correction.refused) socket.send(PERMISSION_DENIED_FRAME);
  }

  /**
   * Brings the document back within the room's rules right after a client's update was applied,
   * inside its transaction (`applyClientUpdate`). Rooms that check what clients write override it.
   */
  protected correctClientWrite(_room: RoomDoc, _identity: I): WriteCorrection {
    return AS_WRITTEN;
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
    const identity = readIdentity<I>(request);
    if (!identity) return errorResponse(400, 'bad_request', 'missing socket identity');
    const refusal = await this.admit(identity);
    if (refusal) return refusal;

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [identity.room]);
    const attachment: SocketAttachment<I> = { identity, connectedAt: clock.now(), clientIds: [], awareness: null };
    server.serializeAttachment(attachment);
    const room = this.roomDoc(identity.room);
    server.send(syncStep1Frame(room.doc));
    this.tell((observer) => observer.socketsChanged?.(identity.room));
    const others = identity.writable ? [...room.awareness.getStates().keys()] : [];
    if (others.length > 0) server.send(awarenessFrame(room.awareness, others));
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

  /** The open sockets of `name`, as observers see them. */
  private *openSockets(name: string): Generator<RoomSocket<I>> {
    for (const socket of this.ctx.getWebSockets(name)) {
      if (socket.readyState === WebSocket.OPEN) yield this.placeOf(socket);
    }
  }

  /**
   * A socket's identity and join time, which never change: read from its attachment once per
   * instance, since reading a crowded room's sockets would otherwise copy every attachment each time.
   */
  private placeOf(socket: WebSocket): RoomSocket<I> {
    let place = this.places.get(socket);
    if (!place) {
      const { identity, connectedAt } = socket.deserializeAttachment() as SocketAttachment<I>;
      place = { identity, connectedAt };
      this.places.set(socket, place);
    }
    return place;
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
    const room = this.roomDoc(place.identity.room);
    const decoder = decoding.createDecoder(frame);
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_SYNC:
        this.handleSync(socket, place.identity, room, decoder);
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
        if (place.identity.writable) awarenessProtocol.applyAwarenessUpdate(room.awareness, update, socket);
        else this.hearPrivately(socket, place, room, update, frame);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        socket.send(awarenessFrame(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      case MESSAGE_AUTH:
        return; // clients have nothing to tell the server through it
      default:
        throw new FrameError(CLOSE_MALFORMED_FRAME, 'unknown message type');
    }
  }

  private handleSync(socket: WebSocket, identity: I, room: RoomDoc, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      socket.send(
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
      socket.send(PERMISSION_DENIED_FRAME);
      return;
    }
    if (room.store.bytes + update.byteLength > this.maxDocBytes) {
      // The log overstates the document; only the exact size after compaction refuses a write.
      room.store.compact(room.doc);
      if (room.store.bytes + update.byteLength > this.maxDocBytes) {
        throw new FrameError(CLOSE_DOCUMENT_FULL, `document over ${this.maxDocBytes} bytes`);
      }
    }
    this.applyClientUpdate(room, update, socket, identity);
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
    const ids = new Set(attachment.clientIds);
    for (const id of changed) ids.add(id);
    for (const id of removed) ids.delete(id);
    attachment.clientIds = [...ids];
    const encoded = ids.size > 0 ? awarenessProtocol.encodeAwarenessUpdate(room.awareness, attachment.clientIds) : null;
    if ((encoded?.byteLength ?? 0) > MAX_AWARENESS_BYTES) {
      // Remembered without its state, so dropping the socket removes these clients everywhere.
      attachment.awareness = null;
      socket.serializeAttachment(attachment);
      throw new FrameError(CLOSE_AWARENESS_TOO_LARGE, 'awareness state too large');
    }
    attachment.awareness = encoded;
    socket.serializeAttachment(attachment);
    const place = this.placeOf(socket);
    const states = room.awareness.getStates();
    for (const id of changed) {
      const state = states.get(id);
      if (state) this.tell((observer) => observer.awarenessHeard?.(room.name, place, state));
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

  /** Sends an update to the room (except to `skip`, the socket it came from), and tells the observers. */
  private sendUpdate(name: string, update: Uint8Array, origin: unknown, skip: unknown = origin): void {
    this.broadcast(name, updateFrame(update), skip);
    this.tell((observer) => observer.updateBroadcast?.(name, update, origin));
  }

  /** Sends one encoded frame to every socket of the room (except the one it came from). */
  private broadcast(name: string, frame: Uint8Array, except?: unknown): void {
    this.lastBroadcastAt.set(name, clock.now());
    for (const socket of this.ctx.getWebSockets(name)) {
      if (socket === except) continue;
      try {
        socket.send(frame);
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
      if (!attachment?.identity.writable) continue;
      const room = this.roomDoc(attachment.identity.room);
      if (attachment.awareness) awarenessProtocol.applyAwarenessUpdate(room.awareness, attachment.awareness, RESTORED);
      try {
        socket.send(syncStep1Frame(room.doc));
      } catch {
        // closing; its close event cleans up
      }
    }
  }

  /** Closes one socket and forgets its awareness; the room and every other socket are untouched. */
  private drop(socket: WebSocket, code: number, reason: string): void {
    const attachment = socket.deserializeAttachment() as SocketAttachment<I> | null;
    if (attachment && attachment.clientIds.length > 0) {
      const gone = attachment.clientIds;
      attachment.clientIds = [];
      attachment.awareness = null;
      socket.serializeAttachment(attachment);
      awarenessProtocol.removeAwarenessStates(this.roomDoc(attachment.identity.room).awareness, gone, SOCKET_CLOSED);
    }
    try {
      socket.close(code, reason.slice(0, 120));
    } catch {
      // already closed
    }
    if (attachment) this.tell((observer) => observer.socketsChanged?.(attachment.identity.room));
  }
}
