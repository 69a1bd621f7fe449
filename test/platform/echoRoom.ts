import * as Y from 'yjs';
import type { RoomDoc } from '../../workers/platform/room/roomDoc';
import type { RoomObserver } from '../../workers/platform/room/roomObserver';
import type { SocketIdentity } from '../../workers/platform/room/socketIdentity';
import { SERVER_ORIGIN, type WriteCorrection, YRoom } from '../../workers/platform/room/YRoom';

/** The room clients of an echo object may write, and the one they may only read. */
export const WRITABLE_ROOM = 'echo:shared';
export const READ_ONLY_ROOM = 'echo:feed';
/** The map the echo rooms' documents keep their values in. */
export const ECHO_MAP = 'echo';
/** Keys a client may not write (deleted again, refused), and keys whose values the room uppercases. */
export const FORBIDDEN_PREFIX = 'forbidden:';
export const UPPERCASE_PREFIX = 'upper:';
/** The bound an echo room keeps its stored document within. */
export const ECHO_DOC_BYTES = 64 * 1024;

/** The objects of the test-only binding vitest.config.ts declares. */
export const echoRoomsOf = (env: object) => (env as { ECHO_ROOM: DurableObjectNamespace<EchoRoom> }).ECHO_ROOM;

/** The base's identity plus one field of the app's own, which the base must carry untouched. */
export interface EchoIdentity extends SocketIdentity {
  name: string;
}

/** One observer hook call, as plain data a test can fetch over RPC. */
export type Heard =
  | { hook: 'socketsChanged'; room: string; open: string[] }
  | { hook: 'updateBroadcast'; room: string; update: Uint8Array; origin: 'server' | 'socket' | 'other' }
  | { hook: 'awarenessHeard'; room: string; identity: EchoIdentity; connectedAt: number; state: string };

/** An observer that throws on hearing a state that asks it to (`{fail: true}`). */
const failsOnRequest: RoomObserver<EchoIdentity> = {
  awarenessHeard: (_room, _socket, state) => {
    if ((state as { fail?: unknown }).fail === true) throw new Error('the observer failed, as asked');
  },
};

/**
 * A room with nothing of the mall in it, to test the room base alone: it admits every socket
 * with the identity it is handed, lets tests author server changes, and records what its
 * observers hear.
 */
export class EchoRoom extends YRoom<unknown, EchoIdentity> {
  private readonly heard: Heard[] = [];

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    // Attached first: the recorder behind it must hear everything all the same.
    this.observe(failsOnRequest);
    this.observe(this.recorder());
  }

  protected override maxDocBytes = ECHO_DOC_BYTES;

  protected async admit(): Promise<Response | null> {
    return null;
  }

  /** Deletes forbidden keys (a refusal) and uppercases the values of `upper:` keys (a correction). */
  protected override correctClientWrite(room: RoomDoc): WriteCorrection {
    const map = room.doc.getMap<unknown>(ECHO_MAP);
    let corrected = false;
    let refused = false;
    for (const [key, value] of [...map.entries()]) {
      if (key.startsWith(FORBIDDEN_PREFIX)) {
        map.delete(key);
        corrected = refused = true;
      } else if (key.startsWith(UPPERCASE_PREFIX) && typeof value === 'string' && value !== value.toUpperCase()) {
        map.set(key, value.toUpperCase());
        corrected = true;
      }
    }
    return { corrected, refused };
  }

  /** Sets `key` to `value` in `room` as a server change. */
  async write(room: string, key: string, value: string): Promise<void> {
    const doc = this.room(room).doc;
    doc.transact(() => doc.getMap(ECHO_MAP).set(key, value), SERVER_ORIGIN);
  }

  /** What the room's document holds. */
  async contents(room: string): Promise<Record<string, string>> {
    return this.room(room).doc.getMap(ECHO_MAP).toJSON();
  }

  /** What the room's document holds, and its state vector (which clients' changes, up to which clock). */
  async state(room: string): Promise<{ stateVector: Uint8Array; contents: Record<string, string> }> {
    const doc = this.room(room).doc;
    return { stateVector: Y.encodeStateVector(doc), contents: doc.getMap(ECHO_MAP).toJSON() };
  }

  /** Every hook call heard so far, oldest first. */
  async observed(): Promise<Heard[]> {
    return this.heard;
  }

  private recorder(): RoomObserver<EchoIdentity> {
    return {
      socketsChanged: (room) => {
        const open = [...this.sockets.open(room)].map((socket) => socket.identity.name);
        this.heard.push({ hook: 'socketsChanged', room, open });
      },
      updateBroadcast: (room, update, origin) => {
        const from = origin === SERVER_ORIGIN ? 'server' : origin instanceof WebSocket ? 'socket' : 'other';
        this.heard.push({ hook: 'updateBroadcast', room, update, origin: from });
      },
      awarenessHeard: (room, socket, state) => {
        const { identity, connectedAt } = socket;
        this.heard.push({ hook: 'awarenessHeard', room, identity, connectedAt, state: JSON.stringify(state) });
      },
    };
  }
}
