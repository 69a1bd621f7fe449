import type { Channel } from '../../../shared/channels';

/** Who is on the other end of a room socket. The edge Worker decides it before the upgrade. */
export interface SocketIdentity {
  room: string;
  channel: Channel;
  /** The member the token names; `null` for anonymous subscribers. */
  memberId: string | null;
  /** Whether the client's updates may change the document; if not, they are refused. */
  writable: boolean;
}

/** Only the edge Worker can reach an object, so a header is a safe way to hand identity over. */
const IDENTITY_HEADER = 'x-mallsync-identity';

export const withIdentity = (request: Request, identity: SocketIdentity): Request => {
  const forwarded = new Request(request);
  forwarded.headers.set(IDENTITY_HEADER, JSON.stringify(identity));
  return forwarded;
};

export const readIdentity = (request: Request): SocketIdentity | null => {
  const raw = request.headers.get(IDENTITY_HEADER);
  return raw ? (JSON.parse(raw) as SocketIdentity) : null;
};
