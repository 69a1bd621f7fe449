import type { SocketIdentity } from './socketIdentity';

/**
 * One open socket of a room as observers see it. The base hands out the same object for a socket
 * throughout an instance's life, so an observer may key its own per-socket state on it.
 */
export interface RoomSocket<I extends SocketIdentity = SocketIdentity> {
  readonly identity: I;
  /** When the socket joined: what was broadcast before reached it by its initial sync. */
  readonly connectedAt: number;
}

/** A read-only view of a room object's sockets. */
export interface RoomSockets<I extends SocketIdentity = SocketIdentity> {
  /** The open sockets of `room`. */
  open(room: string): Iterable<RoomSocket<I>>;
  /**
   * The subscribers of `room` held by its relay objects, by the key the relays count them under
   * (`RoomRelay.tallyOf`), as they last reported: empty for a room without relays.
   */
  relayed(room: string): Readonly<Record<string, number>>;
}

/**
 * What a room lets others hear of its life, without a say in it: a hook runs after the base has
 * done its part, and must be cheap, since some run on a crowded room's hottest paths. Every hook
 * is optional.
 */
export interface RoomObserver<I extends SocketIdentity = SocketIdentity> {
  /** A socket joined `room`, or left it. */
  socketsChanged?(room: string): void;
  /**
   * An update went out to the room's sockets: the origin of the change, or of the last change
   * when several were coalesced into one frame.
   */
  updateBroadcast?(room: string, update: Uint8Array, origin: unknown): void;
  /**
   * A client's awareness state was heard: shared with the room's other sockets in a writable
   * room, kept private in a read-only one. Called once per state a client sets or renews (not
   * when it clears its state).
   */
  awarenessHeard?(room: string, socket: RoomSocket<I>, state: unknown): void;
}
