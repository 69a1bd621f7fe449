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

/** Only the Worker in front can reach an object, so a header is a safe way to hand identity over. */
const IDENTITY_HEADER = 'x-socket-identity';

export const withIdentity = <I extends SocketIdentity>(request: Request, identity: I): Request => {
  const forwarded = new Request(request);
  forwarded.headers.set(IDENTITY_HEADER, JSON.stringify(identity));
  return forwarded;
};

export const readIdentity = <I extends SocketIdentity>(request: Request): I | null => {
  const raw = request.headers.get(IDENTITY_HEADER);
  return raw ? (JSON.parse(raw) as I) : null;
};
