import { evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE_DOCUMENT_FULL,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED_FRAME,
  CLOSE_UNSUPPORTED_DATA,
} from '../../shared/protocol/closeCodes';
import { PERMISSION_DENIED } from '../../shared/protocol/messages';
import { awarenessCutAfterFirstEntry, truncatedUpdate } from '../support/badFrames';
import type { RoomClient } from '../support/roomClient';
import {
  ECHO_DOC_BYTES,
  ECHO_MAP,
  FORBIDDEN_PREFIX,
  type Heard,
  READ_ONLY_ROOM,
  UPPERCASE_PREFIX,
  WRITABLE_ROOM,
} from './echoRoom';
import { connectToEcho, type EchoStub, freshEchoObject } from './echoSockets';

/** Resolves with the hook calls once `check` finds what it waits for in them. */
const untilHeard = async (stub: EchoStub, check: (heard: Heard[]) => boolean, what: string): Promise<Heard[]> => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const heard = await stub.observed();
    if (check(heard)) return heard;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${what}`);
    await scheduler.wait(20);
  }
};

const valueIn = (client: RoomClient, key: string) => client.doc.getMap(ECHO_MAP).get(key);

describe('the room base, in a room with no app in it', () => {
  it('syncs a newcomer and brings a client update to the other sockets', async () => {
    const stub = freshEchoObject();
    await stub.write(WRITABLE_ROOM, 'greeting', 'hello');
    const a = await connectToEcho(stub, WRITABLE_ROOM, 'a');
    const b = await connectToEcho(stub, WRITABLE_ROOM, 'b');
    expect(valueIn(a, 'greeting')).toBe('hello');

    a.doc.getMap(ECHO_MAP).set('from', 'a');
    await b.until(() => valueIn(b, 'from') === 'a', 'b gets a’s update');
    expect(await stub.contents(WRITABLE_ROOM)).toEqual({ greeting: 'hello', from: 'a' });
    expect(a.denials).toEqual([]);
  });

  it('refuses a read-only socket’s write with permission-denied, applies nothing, keeps it open', async () => {
    const stub = freshEchoObject();
    await stub.write(READ_ONLY_ROOM, 'price', 'ten');
    const writer = await connectToEcho(stub, READ_ONLY_ROOM, 'writer');
    const bystander = await connectToEcho(stub, READ_ONLY_ROOM, 'bystander');

    writer.doc.getMap(ECHO_MAP).set('price', 'free');
    await writer.until(() => writer.denials.length > 0, 'permission-denied');
    expect(writer.denials).toEqual([PERMISSION_DENIED]);
    expect(await stub.contents(READ_ONLY_ROOM)).toEqual({ price: 'ten' });

    await stub.write(READ_ONLY_ROOM, 'stock', 'three');
    await writer.until(() => valueIn(writer, 'stock') === 'three', 'the next server change on the writer');
    await bystander.until(() => valueIn(bystander, 'stock') === 'three', 'the next server change on the bystander');
    expect(valueIn(bystander, 'price')).toBe('ten');
    expect(writer.closed).toBeNull();
  });

  it('sends a corrected write to every socket, the writer too, in one update that never carries what was undone', async () => {
    const stub = freshEchoObject();
    const writer = await connectToEcho(stub, WRITABLE_ROOM, 'writer');
    const other = await connectToEcho(stub, WRITABLE_ROOM, 'other');
    const before = other.bytesReceived;
    writer.doc.transact(() => {
      writer.doc.getMap(ECHO_MAP).set(`${FORBIDDEN_PREFIX}secret`, 'x'.repeat(20_000));
      writer.doc.getMap(ECHO_MAP).set(`${UPPERCASE_PREFIX}name`, 'ada');
    });
    await writer.until(() => writer.denials.length > 0, 'permission-denied, after the correction');
    expect(valueIn(writer, `${UPPERCASE_PREFIX}name`)).toBe('ADA');
    await other.until(() => valueIn(other, `${UPPERCASE_PREFIX}name`) === 'ADA', 'the correction on the other');
    expect(writer.denials).toEqual([PERMISSION_DENIED]);
    expect(other.denials).toEqual([]);
    expect(valueIn(writer, `${FORBIDDEN_PREFIX}secret`)).toBeUndefined();
    expect(other.updateFrames).toBe(1);
    expect(other.bytesReceived - before).toBeLessThan(1_000);

    // The writer goes on from the room's state: its next edit applies like anyone's.
    writer.doc.getMap(ECHO_MAP).set('next', 'edit');
    await other.until(() => valueIn(other, 'next') === 'edit', 'the writer’s next edit');
    expect(await stub.contents(WRITABLE_ROOM)).toEqual({ [`${UPPERCASE_PREFIX}name`]: 'ADA', next: 'edit' });
  });

  it('sends an uncorrected write to the other sockets only', async () => {
    const stub = freshEchoObject();
    const writer = await connectToEcho(stub, WRITABLE_ROOM, 'writer');
    const other = await connectToEcho(stub, WRITABLE_ROOM, 'other');
    writer.doc.getMap(ECHO_MAP).set('plain', 'value');
    await other.until(() => valueIn(other, 'plain') === 'value', 'the write on the other');
    await writer.flush();
    expect(writer.updateFrames).toBe(0);
  });

  it('closes a writer whose update would take the stored document past its bound, and only that socket', async () => {
    const stub = freshEchoObject();
    const writer = await connectToEcho(stub, WRITABLE_ROOM, 'writer');
    const other = await connectToEcho(stub, WRITABLE_ROOM, 'other');
    writer.doc.getMap(ECHO_MAP).set('small', 'kept');
    await other.until(() => valueIn(other, 'small') === 'kept', 'a small write');
    writer.doc.getMap(ECHO_MAP).set('big', 'y'.repeat(ECHO_DOC_BYTES));
    await writer.until(() => writer.closed !== null, 'the writer closed');
    expect(writer.closed?.code).toBe(CLOSE_DOCUMENT_FULL);
    expect(other.closed).toBeNull();
    expect(await stub.contents(WRITABLE_ROOM)).toEqual({ small: 'kept' });
  });

  it.each([
    ['a text frame', () => 'hello', CLOSE_UNSUPPORTED_DATA],
    ['an oversized frame', () => new Uint8Array(1024 * 1024 + 1), CLOSE_FRAME_TOO_LARGE],
    ['a malformed update', truncatedUpdate, CLOSE_MALFORMED_FRAME],
    ['an awareness update cut after its first entry', awarenessCutAfterFirstEntry, CLOSE_MALFORMED_FRAME],
  ])('closes only the socket that sent %s, and keeps nothing of it', async (_, make, code) => {
    const stub = freshEchoObject();
    const offender = await connectToEcho(stub, WRITABLE_ROOM, 'offender');
    const neighbour = await connectToEcho(stub, WRITABLE_ROOM, 'neighbour');

    offender.sendRaw(make());
    await offender.until(() => offender.closed !== null, 'offender closed');
    expect(offender.closed?.code).toBe(code);

    await stub.write(WRITABLE_ROOM, 'after', 'still here');
    await neighbour.until(() => valueIn(neighbour, 'after') === 'still here', 'the neighbour gets the next change');
    expect(neighbour.closed).toBeNull();
    expect(await stub.contents(WRITABLE_ROOM)).toEqual({ after: 'still here' });
    const newcomer = await connectToEcho(stub, WRITABLE_ROOM, 'newcomer');
    expect([...newcomer.awareness.getStates().keys()]).toEqual([newcomer.doc.clientID]);
  });

  it('shares awareness in a writable room and keeps it private in a read-only one', async () => {
    const stub = freshEchoObject();
    const a = await connectToEcho(stub, WRITABLE_ROOM, 'a');
    const b = await connectToEcho(stub, WRITABLE_ROOM, 'b');
    a.setAwareness({ page: 'cart' });
    await b.until(() => b.awareness.getStates().get(a.doc.clientID)?.page === 'cart', 'a visible to b');

    const reader = await connectToEcho(stub, READ_ONLY_ROOM, 'reader');
    const other = await connectToEcho(stub, READ_ONLY_ROOM, 'other');
    reader.setAwareness({ page: 'detail' });
    await reader.flush();
    await other.flush();
    expect(other.awareness.getStates().has(reader.doc.clientID)).toBe(false);
  });

  describe('observer hooks', () => {
    it('tells of each socket joining and leaving, once the room shows it', async () => {
      const stub = freshEchoObject();
      const a = await connectToEcho(stub, WRITABLE_ROOM, 'a');
      const b = await connectToEcho(stub, WRITABLE_ROOM, 'b');
      a.close();
      const heard = await untilHeard(
        stub,
        (h) => h.filter((e) => e.hook === 'socketsChanged').length >= 3,
        'a join, a join and a leave',
      );
      expect(heard.filter((e) => e.hook === 'socketsChanged')).toEqual([
        { hook: 'socketsChanged', room: WRITABLE_ROOM, open: ['a'] },
        { hook: 'socketsChanged', room: WRITABLE_ROOM, open: ['a', 'b'] },
        { hook: 'socketsChanged', room: WRITABLE_ROOM, open: ['b'] },
      ]);
      b.close();
    });

    it('tells of each update broadcast, with the update and its origin', async () => {
      const stub = freshEchoObject();
      const a = await connectToEcho(stub, WRITABLE_ROOM, 'a');
      const b = await connectToEcho(stub, WRITABLE_ROOM, 'b');
      await stub.write(WRITABLE_ROOM, 'by', 'server');
      a.doc.getMap(ECHO_MAP).set('by', 'client');
      await b.until(() => valueIn(b, 'by') === 'client', 'the client update on b');

      const broadcasts = (await stub.observed()).filter((e) => e.hook === 'updateBroadcast');
      expect(broadcasts.map(({ room, origin }) => ({ room, origin }))).toEqual([
        { room: WRITABLE_ROOM, origin: 'server' },
        { room: WRITABLE_ROOM, origin: 'socket' },
      ]);
      // Applied in turn, the broadcast updates rebuild the room: each carries its own change.
      const replica = new Y.Doc();
      const states = broadcasts.map((e) => {
        if (e.hook === 'updateBroadcast') Y.applyUpdate(replica, e.update);
        return replica.getMap(ECHO_MAP).toJSON();
      });
      expect(states).toEqual([{ by: 'server' }, { by: 'client' }]);
    });

    it('tells of each awareness state heard, shared or private, with the socket’s whole identity', async () => {
      const stub = freshEchoObject();
      const before = Date.now();
      const writer = await connectToEcho(stub, WRITABLE_ROOM, 'writer');
      const reader = await connectToEcho(stub, READ_ONLY_ROOM, 'reader');
      writer.setAwareness({ page: 'cart' });
      reader.setAwareness({ seen: 3 });
      await writer.flush();
      await reader.flush();

      const heard = (await stub.observed()).filter((e) => e.hook === 'awarenessHeard');
      expect(heard).toEqual([
        {
          hook: 'awarenessHeard',
          room: WRITABLE_ROOM,
          identity: { room: WRITABLE_ROOM, writable: true, name: 'writer' },
          connectedAt: expect.any(Number),
          state: JSON.stringify({ page: 'cart' }),
        },
        {
          hook: 'awarenessHeard',
          room: READ_ONLY_ROOM,
          identity: { room: READ_ONLY_ROOM, writable: false, name: 'reader' },
          connectedAt: expect.any(Number),
          state: JSON.stringify({ seen: 3 }),
        },
      ]);
      for (const e of heard) if (e.hook === 'awarenessHeard') expect(e.connectedAt).toBeGreaterThanOrEqual(before);
    });

    it('lets a failing observer cost neither the socket nor the other observers anything', async () => {
      const stub = freshEchoObject();
      const reader = await connectToEcho(stub, READ_ONLY_ROOM, 'reader');
      reader.setAwareness({ fail: true });
      await reader.flush();
      expect(reader.closed).toBeNull();
      const heard = (await stub.observed()).filter((e) => e.hook === 'awarenessHeard');
      expect(heard.map((e) => e.hook === 'awarenessHeard' && e.state)).toEqual([JSON.stringify({ fail: true })]);
    });

    it('still knows a socket’s identity and join time after hibernation', async () => {
      const stub = freshEchoObject();
      const reader = await connectToEcho(stub, READ_ONLY_ROOM, 'reader');
      reader.setAwareness({ before: true });
      await reader.flush();
      const [joined] = (await stub.observed()).filter((e) => e.hook === 'awarenessHeard');

      await evictDurableObject(stub, { webSockets: 'hibernate' });
      reader.setAwareness({ after: true });
      await reader.flush();
      await stub.write(READ_ONLY_ROOM, 'woken', 'yes');
      await reader.until(() => valueIn(reader, 'woken') === 'yes', 'a change after the wake');

      const heard = (await stub.observed()).filter((e) => e.hook === 'awarenessHeard');
      expect(heard).toEqual([
        {
          ...joined,
          state: JSON.stringify({ after: true }),
        },
      ]);
    });
  });
});
