import * as decoding from 'lib0/decoding';
import { expect } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED_FRAME,
  CLOSE_UNSUPPORTED_DATA,
} from '../../shared/protocol/closeCodes';
import { MESSAGE_SYNC } from '../../shared/protocol/messages';
import { syncStep1Frame } from '../support/frameArbitraries';
import type { RoomClient } from '../support/roomClient';
import { ECHO_MAP, WRITABLE_ROOM } from './echoRoom';
import { connectToEcho, type EchoStub, freshEchoObject } from './echoSockets';

/** The codes a room closes one socket with for a bad frame (shared/protocol/closeCodes.ts). */
const FRAME_CLOSE_CODES = [
  CLOSE_UNSUPPORTED_DATA,
  CLOSE_MALFORMED_FRAME,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_AWARENESS_TOO_LARGE,
];

/** What became of the offender after one frame: still open, or closed with this code. */
export type Outcome = number | 'open';

/** A document's state, as a test compares it: which changes it holds, and the echo map. */
export interface HeldState {
  stateVector: number[];
  contents: Record<string, unknown>;
}

/** Whether two states are the same (entries in any order). */
const sameState = (a: HeldState, b: HeldState): boolean =>
  a.stateVector.join() === b.stateVector.join() &&
  JSON.stringify(Object.entries(a.contents).sort()) === JSON.stringify(Object.entries(b.contents).sort());

const stateOf = (doc: Y.Doc): HeldState => ({
  stateVector: [...Y.encodeStateVector(doc)],
  contents: doc.getMap(ECHO_MAP).toJSON(),
});

/** The states a client has heard of other clients (its own left out). */
const othersHeard = (client: RoomClient) =>
  Object.fromEntries([...client.awareness.getStates()].filter(([id]) => id !== client.doc.clientID));

/** What one frame led to (see `FuzzArena.offend`). */
export interface FrameReport {
  outcome: Outcome;
  denied: number;
  heard: number;
  held: HeldState;
}

/** Whether the room owes `frame` a sync step 2: it is a readable sync step 1. */
const asksForSync = (frame: Uint8Array | string): boolean => {
  if (typeof frame === 'string') return false;
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return false;
    Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    return true;
  } catch {
    return false;
  }
};

/** Frames offered to rooms so far, per family of frames (the arenas' labels). */
export const framesOffered = new Map<string, number>();

/**
 * One fresh object's room and its sockets: an offender that sends fuzzed frames, a neighbour,
 * and an honest writer (a writer socket in the writable room; the server in the read-only one,
 * where clients may not write). After every frame the arena checks that the room still serves
 * everyone and holds exactly what the honest side wrote plus what it accepted from the offender.
 */
export class FuzzArena {
  /** The honest edits made so far, key → value. */
  readonly written: Record<string, string> = {};
  /** How many sync step 2 answers the offender's socket is owed by now. */
  private answersDue: number;

  private constructor(
    private readonly family: string,
    private readonly stub: EchoStub,
    private readonly room: string,
    private current: RoomClient,
    private readonly neighbour: RoomClient,
    private readonly writer: RoomClient | null,
  ) {
    this.answersDue = current.syncAnswers;
  }

  /** A fresh object's `room`, its frames counted under `family`. */
  static async open(family: string, room: string): Promise<FuzzArena> {
    const stub = freshEchoObject();
    const [offender, neighbour, writer] = await Promise.all([
      connectToEcho(stub, room, 'offender'),
      connectToEcho(stub, room, 'neighbour'),
      room === WRITABLE_ROOM ? connectToEcho(stub, room, 'writer') : null,
    ]);
    const arena = new FuzzArena(family, stub, room, offender, neighbour, writer);
    await arena.expectStillServing(offender);
    return arena;
  }

  /** What the room holds, as the object reports it. */
  async held(): Promise<HeldState> {
    const { stateVector, contents } = await this.stub.state(this.room);
    return { stateVector: [...stateVector], contents };
  }

  /**
   * Has the offender send `frame`, then checks the room: a frame that closes its socket uses a
   * documented code and changes nothing anyone hears; either way the room keeps serving every
   * socket, the offender included (a new socket of its after a close). Answers the outcome, the
   * permission denials the frame drew, the updates the neighbour heard from it and what the room
   * held after the next honest edit.
   */
  async offend(frame: Uint8Array | string): Promise<FrameReport> {
    framesOffered.set(this.family, (framesOffered.get(this.family) ?? 0) + 1);
    const { current: offender, neighbour } = this;
    const deniedBefore = offender.denials.length;
    const heardBefore = neighbour.updateFrames;
    // Frames of a socket are handled in order: once our own step 1 after it is answered, so was
    // the frame. That answer is also the offender still syncing.
    this.answersDue += (asksForSync(frame) ? 1 : 0) + 1;
    offender.sendRaw(frame);
    offender.sendRaw(syncStep1Frame(offender.doc));
    await offender.until(
      () => offender.closed !== null || offender.syncAnswers >= this.answersDue,
      'the room to handle the frame or close the socket',
    );
    const outcome: Outcome = offender.closed?.code ?? 'open';
    expect([...FRAME_CLOSE_CODES, 'open']).toContain(outcome);
    // A new socket's first sync shows the room serving the offender again.
    const next = offender.closed ? connectToEcho(this.stub, this.room, 'offender') : offender;
    const held = await this.expectStillServing(next);
    // The honest edit is one update on the neighbour; any other came from the frame.
    const heard = neighbour.updateFrames - heardBefore - 1;
    // A frame that closes its socket touches nothing else: nobody hears anything of it.
    expect({ outcome, heard }).toEqual({ outcome, heard: outcome === 'open' ? heard : 0 });
    return { outcome, denied: offender.denials.length - deniedBefore, heard, held };
  }

  /** A client connecting now gets exactly the honest state, and no presence nobody else heard of. */
  async expectNewcomerSynced(): Promise<void> {
    // The neighbour never queries: what it holds is what the room told everyone, and it has it all
    // (every frame reached it before the last honest edit did).
    const newcomer = await connectToEcho(this.stub, this.room, 'newcomer');
    expect(stateOf(newcomer.doc)).toEqual(stateOf(this.honest.doc));
    expect(othersHeard(newcomer)).toEqual(othersHeard(this.neighbour));
    newcomer.close();
  }

  /** The states the neighbour has heard of other clients. */
  neighbourHeard(): Record<number, unknown> {
    return othersHeard(this.neighbour);
  }

  /** The socket whose document is the honest record: the writer, or in a read-only room the neighbour. */
  private get honest(): RoomClient {
    return this.writer ?? this.neighbour;
  }

  /** The honest side's next edit: a key no fuzzed client writes (theirs are at most 6 characters). */
  private async edit(): Promise<string> {
    const key = `honest-edit-${Object.keys(this.written).length}`;
    const value = `value-${crypto.randomUUID()}`;
    this.written[key] = value;
    if (this.writer) this.writer.doc.getMap(ECHO_MAP).set(key, value);
    else await this.stub.write(this.room, key, value);
    return key;
  }

  /**
   * The next honest edit reaches the neighbour and the offender's socket `next`, and the room,
   * the honest record and the neighbour hold the same: nothing the honest side did not see.
   */
  private async expectStillServing(next: RoomClient | Promise<RoomClient>): Promise<HeldState> {
    const key = await this.edit();
    const hasEdit = (client: RoomClient) => client.doc.getMap(ECHO_MAP).get(key) === this.written[key];
    const { neighbour } = this;
    await neighbour.until(() => hasEdit(neighbour), 'the next honest edit on the neighbour');
    const held = await this.held();
    // Waiting on the state rather than a round trip; if it never comes, the expectations below show
    // the difference.
    const holds = (client: RoomClient) => sameState(stateOf(client.doc), held);
    await Promise.all(
      [neighbour, this.honest].map((client) =>
        client.until(() => holds(client), 'the room’s state', 2000).catch(() => {}),
      ),
    );
    expect(stateOf(this.honest.doc)).toEqual(held);
    expect(stateOf(neighbour.doc)).toEqual(held);
    expect(held.contents).toMatchObject(this.written);
    expect([neighbour.closed, this.writer?.closed ?? null]).toEqual([null, null]);

    const offender = await next;
    if (offender !== this.current) {
      this.current = offender;
      this.answersDue = offender.syncAnswers;
    }
    await offender.until(() => hasEdit(offender), 'the next honest edit on the offender');
    // The edit came after every answer the room owed the offender: none is missing, none extra.
    expect(offender.syncAnswers).toBe(this.answersDue);
    return held;
  }
}
