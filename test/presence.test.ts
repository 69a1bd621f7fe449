import { env, evictDurableObject } from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_AWARENESS_TOO_LARGE } from '../shared/protocol/closeCodes';
import { MESSAGE_AWARENESS } from '../shared/protocol/messages';
import { memberRoom } from '../shared/rooms';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { freshPhone, phoneLogin } from './support/members';
import { RoomClient } from './support/roomClient';

/** One member's room, open on two of their devices (each login is for one channel). */
const twoDevices = async () => {
  const phone = freshPhone();
  const mini = await phoneLogin(phone, 'mini');
  const app = await phoneLogin(phone, 'app');
  const room = memberRoom(mini.memberId);
  return {
    memberId: mini.memberId,
    room,
    phone,
    a: await RoomClient.connect(room, 'mini', mini.token),
    b: await RoomClient.connect(room, 'app', app.token),
  };
};

/** An awareness state of its own client id, as a frame a socket could send. */
const awarenessState = (state: Record<string, unknown>) => {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  clearInterval((awareness as unknown as { _checkInterval: number })._checkInterval);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  return { id: doc.clientID, frame: encoding.toUint8Array(encoder) };
};

// Presence is shared only in a room its members write together: one shopper's devices.
describe("presence in a member's own room", () => {
  it('is shared between the devices and removed when a socket closes', async () => {
    const { a, b } = await twoDevices();
    a.setAwareness({ channel: 'mini', page: 'cart' });
    await b.until(() => b.awareness.getStates().get(a.doc.clientID)?.page === 'cart', 'a visible to b');
    a.close();
    await b.until(() => !b.awareness.getStates().has(a.doc.clientID), 'a removed from b');
  });

  it('is rebuilt from the sockets after hibernation and told to a newcomer', async () => {
    const { memberId, room, phone, a, b } = await twoDevices();
    a.setAwareness({ channel: 'mini', page: 'detail' });
    await b.until(() => b.awareness.getStates().get(a.doc.clientID)?.page === 'detail', 'a seen by b');

    await evictDurableObject(memberRoomOf(env, memberId), { webSockets: 'hibernate' });

    const h5 = await phoneLogin(phone, 'h5');
    const c = await RoomClient.connect(room, 'h5', h5.token);
    await c.until(() => c.awareness.getStates().get(a.doc.clientID)?.page === 'detail', 'a seen by c');
    a.close();
    await b.until(() => !b.awareness.getStates().has(a.doc.clientID), 'a removed after close');
    await c.until(() => !c.awareness.getStates().has(a.doc.clientID), 'a removed for c');
  });

  it('drops a socket whose states grow too large together, before anyone hears the excess', async () => {
    const { a: offender, b: neighbour } = await twoDevices();
    // Two client states under the per-frame limit each, over it together.
    const states = [awarenessState({ note: 'x'.repeat(5000) }), awarenessState({ note: 'y'.repeat(5000) })];
    offender.sendRaw(states[0]?.frame ?? new Uint8Array());
    await neighbour.until(() => neighbour.awareness.getStates().has(states[0]?.id ?? -1), 'first state relayed');
    offender.sendRaw(states[1]?.frame ?? new Uint8Array());
    await offender.until(() => offender.closed !== null, 'offender closed');
    expect(offender.closed?.code).toBe(CLOSE_AWARENESS_TOO_LARGE);
    await neighbour.until(() => !neighbour.awareness.getStates().has(states[0]?.id ?? -1), 'states removed');
    expect(neighbour.awareness.getStates().has(states[1]?.id ?? -1)).toBe(false);
    expect(neighbour.closed).toBeNull();
  });
});
