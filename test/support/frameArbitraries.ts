import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/messages';
import { frame } from './badFrames';

/**
 * fast-check arbitraries of y-websocket frames, well-formed and not, for fuzzing a room. Client
 * edits land in the map named by the caller, so accepted ones show in what the room holds.
 */

/** The edits one client made, in order: a set of `key` (or its deletion when `value` is absent). */
export interface ClientEdits {
  clientID: number;
  edits: Array<{ key: string; value?: string | number | boolean }>;
}

/** Short keys, so edits of one client often touch the same entry (and delete what it set). */
const key = fc.string({ minLength: 1, maxLength: 6 });
const value = fc.oneof(fc.string({ maxLength: 24 }), fc.integer(), fc.boolean());

export const clientEdits = (minEdits = 1): fc.Arbitrary<ClientEdits> =>
  fc.record({
    // Yjs client ids are 32-bit; 0 is left out so none collides with a default.
    clientID: fc.integer({ min: 1, max: 0xffff_ffff }),
    edits: fc.array(fc.record({ key, value: fc.option(value, { nil: undefined }) }, { requiredKeys: ['key'] }), {
      minLength: minEdits,
      maxLength: 6,
    }),
  });

/** A client's document after its edits, and the update each edit produced (no-op deletions none). */
export const replay = (mapName: string, { clientID, edits }: ClientEdits): { doc: Y.Doc; updates: Uint8Array[] } => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const map = doc.getMap(mapName);
  // The first edit always sets, so every client has at least one update to send.
  edits.forEach(({ key, value }, i) => {
    if (value === undefined && i > 0) map.delete(key);
    else map.set(key, value ?? i);
  });
  return { doc, updates };
};

export const syncStep1Frame = (doc: Y.Doc): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => syncProtocol.writeSyncStep1(e, doc),
  );

export const syncStep2Frame = (doc: Y.Doc): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => syncProtocol.writeSyncStep2(e, doc),
  );

export const updateFrame = (update: Uint8Array): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
    (e) => syncProtocol.writeUpdate(e, update),
  );

/** One awareness entry: a client's state (null: it left) at a clock. */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
}

/** An awareness update, encoded entry by entry as y-protocols/awareness does. */
const awarenessUpdate = (entries: AwarenessEntry[]): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, entries.length),
    ...entries.map(({ clientID, clock, state }) => (e: encoding.Encoder) => {
      encoding.writeVarUint(e, clientID);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }),
  );

/** A well-formed frame as its head (message type, sync kind) and payload, to cut the payload alone. */
interface PayloadFrame {
  head: number[];
  payload: Uint8Array;
}

const framed = ({ head, payload }: PayloadFrame): Uint8Array =>
  frame(...head.map((n) => (e: encoding.Encoder) => encoding.writeVarUint(e, n)), (e) =>
    encoding.writeVarUint8Array(e, payload),
  );

export const awarenessFrame = (entries: AwarenessEntry[]): Uint8Array =>
  framed({ head: [MESSAGE_AWARENESS], payload: awarenessUpdate(entries) });

const awarenessEntry = fc.record({
  clientID: fc.integer({ min: 1, max: 0xffff_ffff }),
  clock: fc.nat({ max: 1000 }),
  state: fc.oneof(fc.constant(null), fc.dictionary(key, value, { maxKeys: 4 })),
});

export const queryAwarenessFrame = (): Uint8Array => frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));

const authFrame = (reason: string): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_AUTH),
    (e) => encoding.writeVarUint(e, 0),
    (e) => encoding.writeVarString(e, reason),
  );

/** Well-formed frames that carry a payload: sync step 1, step 2, update, awareness. */
const payloadFrame = (mapName: string): fc.Arbitrary<PayloadFrame> => {
  const sync = (kind: number, payload: Uint8Array) => ({ head: [MESSAGE_SYNC, kind], payload });
  return fc.oneof(
    clientEdits().map((c) => sync(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(replay(mapName, c).doc))),
    clientEdits().map((c) => sync(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(replay(mapName, c).doc))),
    clientEdits().map((c) => sync(syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(replay(mapName, c).doc))),
    fc
      .array(awarenessEntry, { minLength: 1, maxLength: 3 })
      .map((entries) => ({ head: [MESSAGE_AWARENESS], payload: awarenessUpdate(entries) })),
  );
};

/** A well-formed frame of each message kind a client sends. */
export const validFrame = (mapName: string): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    payloadFrame(mapName).map(framed),
    fc.constant(queryAwarenessFrame()),
    fc.string({ maxLength: 24 }).map(authFrame),
  );

/** Fully random bytes, or random bytes behind a message type and sync kind a room knows. */
export const randomBytes = (): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 256 }),
    fc
      .tuple(fc.constantFrom(MESSAGE_SYNC, MESSAGE_AWARENESS), fc.nat({ max: 2 }), fc.uint8Array({ maxLength: 256 }))
      .map(([type, kind, rest]) => Uint8Array.of(type, kind, ...rest)),
  );

/**
 * A well-formed frame cut short at a random point (never at its full length): the whole frame,
 * or only its payload, framed again with its new length so the envelope still reads.
 */
export const truncated = (mapName: string): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.tuple(validFrame(mapName), fc.nat()).map(([bytes, cut]) => bytes.slice(0, cut % bytes.byteLength)),
    fc
      .tuple(payloadFrame(mapName), fc.nat())
      .map(([{ head, payload }, cut]) => framed({ head, payload: payload.slice(0, cut % payload.byteLength) })),
  );

/** A well-formed frame with random bytes after it. */
export const appended = (valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(valid, fc.uint8Array({ minLength: 1, maxLength: 32 }))
    .map(([bytes, extra]) => Uint8Array.of(...bytes, ...extra));

/** A well-formed frame with one to three of its bytes changed. */
export const flipped = (valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }))
    .map(([bytes, flips]) => {
      const out = bytes.slice();
      for (const [at, mask] of flips) out[at % out.byteLength] = (out[at % out.byteLength] ?? 0) ^ mask;
      return out;
    });

/** A large frame as a failure report shows it: its size and first bytes, not every byte. */
const abridged = (bytes: Uint8Array): Uint8Array =>
  Object.assign(bytes, {
    [fc.toStringMethod]: () => `${bytes.byteLength}-byte frame starting [${bytes.subarray(0, 24).join(',')}]`,
  });

/** A varUint that never ends below 2^53: continuation bits on every byte, or digits past the limit. */
const overflowingVarUint = fc.oneof(
  fc.integer({ min: 9, max: 24 }).map((n) => new Uint8Array(n).fill(0xff)),
  fc.integer({ min: 9, max: 16 }).map((n) => Uint8Array.of(...new Uint8Array(n - 1).fill(0x80), 0x7f)),
);

/** A varUint length far beyond any bytes that follow it. */
const excessiveLength = fc
  .integer({ min: 1 << 20, max: Number.MAX_SAFE_INTEGER })
  .map((n) => frame((e) => encoding.writeVarUint(e, n)));

/**
 * Frames whose varUints overflow or claim more bytes than the frame holds: as the message type,
 * the sync kind, a payload length, or a count inside a Yjs update or an awareness update.
 */
export const badVarUints = (): fc.Arbitrary<Uint8Array> => {
  const tail = fc.uint8Array({ maxLength: 16 });
  const claim = fc.oneof(overflowingVarUint, excessiveLength);
  return fc.oneof(
    fc.tuple(overflowingVarUint, tail).map(([type, rest]) => Uint8Array.of(...type, ...rest)),
    fc.tuple(overflowingVarUint, tail).map(([kind, rest]) => Uint8Array.of(MESSAGE_SYNC, ...kind, ...rest)),
    fc
      .tuple(fc.nat({ max: 2 }), claim, tail)
      .map(([kind, length, rest]) => Uint8Array.of(MESSAGE_SYNC, kind, ...length, ...rest)),
    fc.tuple(claim, tail).map(([length, rest]) => Uint8Array.of(MESSAGE_AWARENESS, ...length, ...rest)),
    // Inside a Yjs update: the number of clients, or of one client's structs.
    fc.tuple(fc.nat({ max: 1 }), claim, tail).map(([kind, count, rest]) => {
      const update = kind === 0 ? Uint8Array.of(...count, ...rest) : Uint8Array.of(1, ...count, 7, 0, ...rest);
      return frame(
        (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
        (e) => encoding.writeVarUint(e, syncProtocol.messageYjsUpdate),
        (e) => encoding.writeVarUint8Array(e, update),
      );
    }),
    // Inside an awareness update: the number of entries.
    fc.tuple(claim, tail).map(([count, rest]) =>
      frame(
        (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
        (e) => encoding.writeVarUint8Array(e, Uint8Array.of(...count, ...rest)),
      ),
    ),
  );
};

/**
 * A frame a little over `limit` bytes that starts like a sync update: the size alone must refuse
 * it. Built directly rather than shrunk byte by byte: a megabyte array arbitrary is slow.
 */
export const oversized = (limit: number): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.nat({ max: 255 })).map(([over, fill]) => {
    const bytes = new Uint8Array(limit + over).fill(fill);
    bytes.set([MESSAGE_SYNC, syncProtocol.messageYjsUpdate]);
    return abridged(bytes);
  });

/** A text frame (the protocol is binary). `ping` is left out: the runtime answers it `pong` itself. */
export const textFrame = (): fc.Arbitrary<string> => fc.string({ maxLength: 64 }).filter((text) => text !== 'ping');

/** An awareness frame with one client whose state alone is over `limit` bytes. */
export const oversizedAwareness = (limit: number): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(fc.integer({ min: 1, max: 0xffff_ffff }), fc.integer({ min: limit, max: limit * 2 }), fc.string())
    .map(([clientID, size, note]) =>
      abridged(awarenessFrame([{ clientID, clock: 1, state: { note, pad: 'x'.repeat(size) } }])),
    );

/**
 * Awareness frames of distinct clients, each state between `limit / 2` and `limit` bytes: each
 * fits alone, any two are over `limit` together.
 */
export const growingAwareness = (limit: number): fc.Arbitrary<Uint8Array[]> =>
  fc
    .uniqueArray(
      fc.record({
        clientID: fc.integer({ min: 1, max: 0xffff_ffff }),
        size: fc.integer({ min: limit / 2 + 64, max: limit - 256 }),
      }),
      { selector: ({ clientID }) => clientID, minLength: 2, maxLength: 3 },
    )
    .map((states) =>
      states.map(({ clientID, size }) =>
        abridged(awarenessFrame([{ clientID, clock: 1, state: { pad: 'x'.repeat(size) } }])),
      ),
    );
