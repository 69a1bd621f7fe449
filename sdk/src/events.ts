import type { Session } from '../../shared/api/auth';

/**
 * Everything the hub or the network refused, as a storefront can show it. No edit is dropped
 * without one: an edit made offline is kept and sent on reconnect (`offline` says so once).
 */
export type Refusal =
  /** A write to a room the shopper may only read; the room undid it. */
  | { kind: 'permission-denied'; room: string }
  /** The hub closed a socket over a frame or a document too large; the SDK reconnects and resyncs. */
  | { kind: 'frame-too-large'; room: string | null }
  | { kind: 'document-full'; room: string | null }
  /** The account whose `rooms` these were was merged into another: the SDK logs out; log in again. */
  | { kind: 'merged'; rooms: string[] }
  /** The session is gone (expired, revoked): log in again. */
  | { kind: 'auth-required'; reason: string }
  /** Edits are kept on the device until the connection is back. */
  | { kind: 'offline' }
  /** An HTTP call that reached no hub (no network, the hub down): nothing was done; try again. */
  | { kind: 'unreachable'; message: string }
  /** An HTTP call the hub refused: its status and the hub's error (`workers/platform/errorShape.ts`). */
  | { kind: 'rejected'; status: number; code: string; message: string; field?: string };

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface StorefrontEvents {
  refusal: (refusal: Refusal) => void;
  /** A socket's state: `member` (the member's two documents) or `catalog` (the feeds on screen). */
  connection: (socket: 'member' | 'catalog', state: ConnectionState) => void;
  session: (session: Session | null) => void;
}
