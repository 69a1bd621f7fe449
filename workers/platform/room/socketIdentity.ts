/**
 * Who is on the other end of a room socket, as far as the room base needs to know; an app
 * extends it with its own fields, which the base carries through hibernation untouched. The
 * Worker in front of the object decides it before the upgrade.
 */
export interface SocketIdentity {
  room: string;
  /** Whether the client's updates may change the document; if not, they are refused. */
  writable: boolean;
}

/**
 * The rooms one socket joins, with the identity it has in each. A multiplexed socket (`mux`)
 * may join several rooms of one object, and every frame it sends or receives starts with the
 * room's name (a lib0 var-string) before the y-websocket message; a plain one joins one room
 * and speaks the y-websocket protocol unchanged.
 */
export interface SocketJoin<I extends SocketIdentity = SocketIdentity> {
  identities: I[];
  mux: boolean;
}

/** At most this many rooms per socket: the Hibernation API keeps up to 10 tags on one socket. */
export const MAX_ROOMS_PER_SOCKET = 10;

/** Only the Worker in front can reach an object, so a header is a safe way to hand identity over. */
const JOIN_HEADER = 'x-socket-join';

export const withSocketJoin = <I extends SocketIdentity>(request: Request, join: SocketJoin<I>): Request => {
  const forwarded = new Request(request);
  forwarded.headers.set(JOIN_HEADER, JSON.stringify(join));
  return forwarded;
};

/** A plain socket of one room. */
export const withIdentity = <I extends SocketIdentity>(request: Request, identity: I): Request =>
  withSocketJoin(request, { identities: [identity], mux: false });

export const readSocketJoin = <I extends SocketIdentity>(request: Request): SocketJoin<I> | null => {
  const raw = request.headers.get(JOIN_HEADER);
  return raw ? (JSON.parse(raw) as SocketJoin<I>) : null;
};
