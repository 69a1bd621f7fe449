import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED_FRAME,
  CLOSE_UNSUPPORTED_DATA,
} from '../../shared/protocol/closeCodes';
import { awarenessCutAfterFirstEntry } from '../support/badFrames';
import {
  appended,
  badVarUints,
  clientEdits,
  flipped,
  growingAwareness,
  oversized,
  oversizedAwareness,
  randomBytes,
  replay,
  syncStep2Frame,
  textFrame,
  truncated,
  updateFrame,
  validFrame,
} from '../support/frameArbitraries';
import { ECHO_MAP, READ_ONLY_ROOM, WRITABLE_ROOM } from './echoRoom';
import { FuzzArena, framesOffered, type Outcome } from './fuzzArena';

/** The room base's limits (workers/platform/room/YRoom.ts: `maxFrameBytes`, `MAX_AWARENESS_BYTES`). */
const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_AWARENESS_BYTES = 8 * 1024;

/** Frames per property run: each run is one fresh object, so a failure shrinks to its one frame. */
const batch = <T>(frame: fc.Arbitrary<T>) => fc.array(frame, { minLength: 1, maxLength: 40, size: 'max' });

/** A client whose first updates never reached the room, and the update it sends next. */
const orphan = fc
  .tuple(clientEdits(2), fc.nat(), fc.boolean())
  .map(([edits, cut, asStep2]) => ({ ...replay(ECHO_MAP, edits), cut, asStep2 }))
  .filter(({ updates }) => updates.length >= 2)
  .map(({ doc, updates, cut, asStep2 }) => {
    const sent = 1 + (cut % (updates.length - 1));
    const later = Y.mergeUpdates(updates.slice(sent));
    return {
      clientID: doc.clientID,
      fullClock: Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID),
      frame: asStep2 ? syncStep2Frame(docOf(later)) : updateFrame(later),
      withheld: updateFrame(Y.mergeUpdates(updates.slice(0, sent))),
    };
  });

/** Orphans of distinct clients: a second client with the same id would already be known to the room. */
const orphanBatch = fc.uniqueArray(orphan, {
  selector: ({ clientID }) => clientID,
  minLength: 1,
  maxLength: 40,
  size: 'max',
});

/** A document holding `update` (pending parts too), to frame it as a sync step 2. */
const docOf = (update: Uint8Array): Y.Doc => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

/** Families run side by side: each waits mostly on its object, not on the CPU. */
const FAMILY_TIMEOUT_MS = 120_000;
/**
 * Shrinking a failure reruns whole batches: it stops here, before the test's own timeout, so the
 * report still shows the smallest failing frames found so far.
 */
const SHRINK_UNTIL_MS = 90_000;

const started = Date.now();
afterAll(() => {
  const total = [...framesOffered.values()].reduce((n, count) => n + count, 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`frame fuzzing: ${total} frames in ${seconds} s`, Object.fromEntries(framesOffered));
});

/**
 * Runs batches of `frames` through fresh writable rooms, checking each frame and a newcomer after;
 * `found` are batches that once failed, run first every time.
 */
const fuzzWritable = async <T extends Uint8Array | string>(
  family: string,
  frames: fc.Arbitrary<T>,
  numRuns: number,
  found: T[][] = [],
) => {
  await fc.assert(
    fc.asyncProperty(batch(frames), async (sent) => {
      const arena = await FuzzArena.open(family, WRITABLE_ROOM);
      for (const frame of sent) await arena.offend(frame);
      await arena.expectNewcomerSynced();
    }),
    { numRuns, examples: found.map((sent) => [sent]), interruptAfterTimeLimit: SHRINK_UNTIL_MS },
  );
};

/** Runs batches of `frames` through fresh rooms, expecting each to close the offender with `code`. */
const fuzzClosing = async <T extends Uint8Array | string>(
  family: string,
  frames: fc.Arbitrary<T[]>,
  code: number,
  numRuns: number,
) => {
  await fc.assert(
    fc.asyncProperty(frames, async (sent) => {
      const arena = await FuzzArena.open(family, WRITABLE_ROOM);
      for (const frame of sent) expect((await arena.offend(frame)).outcome).toBe(code);
      await arena.expectNewcomerSynced();
    }),
    { numRuns, interruptAfterTimeLimit: SHRINK_UNTIL_MS },
  );
};

describe.concurrent('a room fed fuzzed frames keeps serving everyone else', () => {
  it('survives random bytes', { timeout: FAMILY_TIMEOUT_MS }, async () => {
    await fuzzWritable('random bytes', randomBytes(), 26);
  });

  it('survives well-formed frames of every kind cut short', { timeout: FAMILY_TIMEOUT_MS }, async () => {
    await fuzzWritable('truncated', truncated(ECHO_MAP), 26, [[awarenessCutAfterFirstEntry()]]);
  });

  it('survives well-formed frames with bytes appended or changed', { timeout: FAMILY_TIMEOUT_MS }, async () => {
    const valid = validFrame(ECHO_MAP);
    await fuzzWritable('appended or flipped', fc.oneof(appended(valid), flipped(valid)), 26);
  });

  it('closes with “malformed” a frame whose varUints overflow or claim bytes it lacks', {
    timeout: FAMILY_TIMEOUT_MS,
  }, async () => {
    await fuzzClosing('bad varUints', batch(badVarUints()), CLOSE_MALFORMED_FRAME, 20);
  });

  it('closes with “too large” a frame just over the frame limit', { timeout: FAMILY_TIMEOUT_MS }, async () => {
    await fuzzClosing(
      'oversized',
      oversized(MAX_FRAME_BYTES).map((frame) => [frame]),
      CLOSE_FRAME_TOO_LARGE,
      5,
    );
  });

  it('closes with “unsupported data” a text frame', { timeout: FAMILY_TIMEOUT_MS }, async () => {
    await fuzzClosing('text', batch(textFrame()), CLOSE_UNSUPPORTED_DATA, 10);
  });

  it('closes a socket whose awareness state is over its limit, before anyone hears the state', {
    timeout: FAMILY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(batch(oversizedAwareness(MAX_AWARENESS_BYTES)), async (sent) => {
        const arena = await FuzzArena.open('awareness over the limit', WRITABLE_ROOM);
        for (const frame of sent) expect((await arena.offend(frame)).outcome).toBe(CLOSE_AWARENESS_TOO_LARGE);
        expect(arena.neighbourHeard()).toEqual({});
        await arena.expectNewcomerSynced();
      }),
      { numRuns: 10, interruptAfterTimeLimit: SHRINK_UNTIL_MS },
    );
  });

  it('closes a socket whose awareness states together grow over the limit, and forgets them all', {
    timeout: FAMILY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(growingAwareness(MAX_AWARENESS_BYTES), async (frames) => {
        const arena = await FuzzArena.open('awareness growing over the limit', WRITABLE_ROOM);
        const outcomes: Outcome[] = [];
        const statesHeard: number[] = [];
        for (const frame of frames) {
          outcomes.push((await arena.offend(frame)).outcome);
          statesHeard.push(Object.keys(arena.neighbourHeard()).length);
        }
        // The second state puts the socket over the limit: it is closed and both its states are
        // gone; the next socket starts afresh.
        expect(outcomes).toEqual(frames.map((_, i) => (i === 1 ? CLOSE_AWARENESS_TOO_LARGE : 'open')));
        expect(statesHeard).toEqual(frames.map((_, i) => (i === 1 ? 0 : 1)));
        await arena.expectNewcomerSynced();
      }),
      { numRuns: 30, interruptAfterTimeLimit: SHRINK_UNTIL_MS },
    );
  });

  it('holds an update whose dependencies are missing without closing anything, and applies it once they arrive', {
    timeout: FAMILY_TIMEOUT_MS,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(orphanBatch, async (orphans) => {
        const arena = await FuzzArena.open('missing dependencies', WRITABLE_ROOM);
        for (const { clientID, fullClock, frame, withheld } of orphans) {
          // Held back unseen: nobody hears of it until what it builds on arrives.
          expect(await arena.offend(frame)).toMatchObject({ outcome: 'open', denied: 0, heard: 0 });
          const late = await arena.offend(withheld);
          expect(late).toMatchObject({ outcome: 'open', denied: 0, heard: 1 });
          expect(Y.decodeStateVector(Uint8Array.from(late.held.stateVector)).get(clientID)).toBe(fullClock);
        }
        await arena.expectNewcomerSynced();
      }),
      { numRuns: 15, interruptAfterTimeLimit: SHRINK_UNTIL_MS },
    );
  });

  it('answers every update to a read-only room with permission-denied and keeps the room as the server wrote it', {
    timeout: FAMILY_TIMEOUT_MS,
  }, async () => {
    const update = fc.oneof(
      clientEdits().map((edits) => updateFrame(Y.encodeStateAsUpdate(replay(ECHO_MAP, edits).doc))),
      clientEdits().map((edits) => syncStep2Frame(replay(ECHO_MAP, edits).doc)),
      orphan.map(({ frame }) => frame),
    );
    await fc.assert(
      fc.asyncProperty(batch(update), async (sent) => {
        const arena = await FuzzArena.open('updates to a read-only room', READ_ONLY_ROOM);
        for (const frame of sent) {
          expect(await arena.offend(frame)).toMatchObject({ outcome: 'open', denied: 1, heard: 0 });
        }
        expect((await arena.held()).contents).toEqual(arena.written);
        await arena.expectNewcomerSynced();
      }),
      { numRuns: 20, interruptAfterTimeLimit: SHRINK_UNTIL_MS },
    );
  });
});
