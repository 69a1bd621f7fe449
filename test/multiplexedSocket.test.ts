import { env, evictDurableObject, SELF } from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { ASSETS_MAP } from '../shared/docs/account';
import { CART_MAP } from '../shared/docs/member';
import { CLOSE_MALFORMED_FRAME } from '../shared/protocol/closeCodes';
import { MESSAGE_QUERY_AWARENESS, PERMISSION_DENIED } from '../shared/protocol/messages';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { adjust } from './support/account';
import { firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { RoomClient } from './support/roomClient';

const line = (qty: number) => ({ qty, addedAt: Date.now(), channel: 'mini', selected: true });

const muxUpgrade = (query: Record<string, string>) =>
  SELF.fetch(`http://hub/sync?${new URLSearchParams(query)}`, { headers: { Upgrade: 'websocket' } });

/** A member logged in on mini, with both their rooms over one socket. */
const bothRoomsOnOneSocket = async () => {
  const session = await phoneLogin(freshPhone(), 'mini');
  const rooms = [`member:${session.memberId}`, `account:${session.memberId}`];
  const [member, account] = await RoomClient.connectMany(rooms, 'mini', session.token);
  if (!member || !account) throw new Error('two clients expected');
  return { session, member, account };
};

describe("a member's two rooms over one socket", () => {
  it('syncs both documents, and a cart edit on it reaches a stock client of the member room', async () => {
    const sku = await firstSku();
    const { session, member, account } = await bothRoomsOnOneSocket();
    expect(member.socket).toBe(account.socket);
    expect(account.doc.getMap(ASSETS_MAP).get('points')).toBe(0);
    const plain = await RoomClient.connect(`member:${session.memberId}`, 'mini', session.token);

    member.doc.getMap(CART_MAP).set(sku.skuId, line(3));
    await plain.until(() => plain.doc.getMap<{ qty: number }>(CART_MAP).get(sku.skuId)?.qty === 3, 'the cart line');

    await adjust(session.memberId, 'points', { delta: 40, reason: 'welcome' });
    await account.until(() => account.doc.getMap(ASSETS_MAP).get('points') === 40, 'the points');
    expect(member.denials).toEqual([]);
    expect(member.closed).toBeNull();
  });

  it("refuses a write to the account room by name, and goes on taking the member room's", async () => {
    const sku = await firstSku();
    const { member, account } = await bothRoomsOnOneSocket();
    account.doc.getMap(ASSETS_MAP).set('points', 1_000_000);
    await account.until(() => account.denials.length === 1, 'the refusal');
    expect(account.denials).toEqual([PERMISSION_DENIED]);
    expect(member.denials).toEqual([]);

    member.doc.getMap(CART_MAP).set(sku.skuId, line(1));
    await member.flush();
    expect(member.closed).toBeNull();
    expect(member.denials).toEqual([]);
  });

  it('closes the socket on a frame naming a room it did not join', async () => {
    const { session, member } = await bothRoomsOnOneSocket();
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, `member:${session.memberId}x`);
    encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
    member.sendRaw(encoding.toUint8Array(encoder));
    await member.until(() => member.closed !== null, 'the close');
    expect(member.closed?.code).toBe(CLOSE_MALFORMED_FRAME);
  });

  it('stays live through hibernation', async () => {
    const { session, account } = await bothRoomsOnOneSocket();
    await evictDurableObject(memberRoomOf(env, session.memberId), { webSockets: 'hibernate' });
    await adjust(session.memberId, 'points', { delta: 7, reason: 'after a nap' });
    await account.until(() => account.doc.getMap(ASSETS_MAP).get('points') === 7, 'the points after wake');
  });

  it('refuses rooms of two objects, too many rooms, no rooms, another member and a moved room', async () => {
    const a = await phoneLogin(freshPhone(), 'h5');
    const b = await phoneLogin(freshPhone(), 'h5');
    const sku = await firstSku();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ rooms: `member:${a.memberId},sku:${sku.skuId}`, channel: 'h5', token: a.token }, 400, 'rooms'],
      [
        { rooms: Array.from({ length: 11 }, (_, i) => `sku:s${i}`).join(','), channel: 'h5', token: a.token },
        400,
        'rooms',
      ],
      [{ rooms: '', channel: 'h5', token: a.token }, 400, 'rooms'],
      [{ rooms: `member:${a.memberId}`, channel: 'h5' }, 401, ''],
      [{ rooms: `member:${b.memberId},account:${b.memberId}`, channel: 'h5', token: a.token }, 403, ''],
      [{ rooms: `member:${a.memberId}`, channel: 'tv', token: a.token }, 400, 'channel'],
    ];
    for (const [query, status, field] of cases) {
      const response = await muxUpgrade(query);
      expect(response.status, JSON.stringify(query)).toBe(status);
      const body = await response.json<{ error: { field?: string } }>();
      expect(body.error.field ?? '').toBe(field);
    }
  });
});
