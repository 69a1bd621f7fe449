import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ASSETS_MAP } from '../shared/docs/account';
import { CART_MAP, FAVORITES_MAP, HISTORY_ARRAY } from '../shared/docs/member';
import { PERMISSION_DENIED } from '../shared/protocol/messages';
import { createProduct, firstSku, patchSku } from './support/hub';
import { freshPhone, guestLogin, phoneLogin } from './support/members';
import { RoomClient } from './support/roomClient';

const line = (qty: number, addedAt = Date.now()) => ({ qty, addedAt, channel: 'mini', selected: true });
const cartOf = (client: RoomClient) => client.doc.getMap<{ qty: number }>(CART_MAP);

/** One member's `member:` room open on two channels. */
const twoChannels = async () => {
  const phone = freshPhone();
  const mini = await phoneLogin(phone, 'mini');
  const h5 = await phoneLogin(phone, 'h5');
  const room = `member:${mini.memberId}`;
  return {
    memberId: mini.memberId,
    mini: await RoomClient.connect(room, 'mini', mini.token),
    h5: await RoomClient.connect(room, 'h5', h5.token),
    tokens: { mini: mini.token, h5: h5.token },
  };
};

const refusedWith = async (room: string, channel: string, token?: string) => {
  const query = token === undefined ? '' : `&token=${encodeURIComponent(token)}`;
  const response = await SELF.fetch(`http://hub/sync/${room}?channel=${channel}${query}`, {
    headers: { Upgrade: 'websocket' },
  });
  return { status: response.status, body: await response.json() };
};

describe('member room', () => {
  it('brings a cart line and a favorite from one channel to another', async () => {
    const sku = await firstSku();
    const { mini, h5 } = await twoChannels();
    cartOf(mini).set(sku.skuId, line(2));
    mini.doc.getMap(FAVORITES_MAP).set(sku.skuId, { addedAt: Date.now(), channel: 'mini' });
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 2, 'cart line on h5');
    await h5.until(() => h5.doc.getMap(FAVORITES_MAP).has(sku.skuId), 'favorite on h5');
    expect(mini.denials).toEqual([]);
  });

  it('accepts cart lines written as nested Y.Maps and fixes them in place', async () => {
    const sku = await firstSku();
    const { mini, h5 } = await twoChannels();
    mini.doc.transact(() => {
      const nested = new Y.Map<unknown>();
      cartOf(mini).set(sku.skuId, nested as never);
      nested.set('qty', 1500);
      nested.set('addedAt', Date.now());
    });
    const qtyOn = (client: RoomClient) => (cartOf(client).get(sku.skuId) as unknown as Y.Map<number>)?.get?.('qty');
    await h5.until(() => qtyOn(h5) === 999, 'qty clamped to 999 on h5');
    await mini.until(() => qtyOn(mini) === 999, 'qty clamped to 999 on mini');
  });

  it('undoes a write to another top-level type on every device, the writer too, and keeps what it may write', async () => {
    const sku = await firstSku();
    const { mini, h5, memberId, tokens } = await twoChannels();
    mini.doc.transact(() => {
      mini.doc.getMap('orders').set('o1', { status: 'paid' });
      cartOf(mini).set(sku.skuId, line(1));
    });
    await mini.until(() => mini.denials.length > 0, 'permission-denied');
    expect(mini.denials).toEqual([PERMISSION_DENIED]);
    await mini.until(() => mini.doc.getMap('orders').size === 0, 'the refused entry undone on the writer');
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 1, 'the allowed cart line on h5');
    expect(h5.doc.getMap('orders').size).toBe(0);
    // The writer goes on: its next edit reaches the other device.
    cartOf(mini).set(sku.skuId, line(3));
    await h5.until(() => cartOf(h5).get(sku.skuId)?.qty === 3, 'the next edit on h5');
    const fresh = await RoomClient.connect(`member:${memberId}`, 'h5', tokens.h5);
    expect(fresh.doc.getMap('orders').size).toBe(0);
    expect(cartOf(fresh).get(sku.skuId)?.qty).toBe(3);
    expect(mini.closed).toBeNull();
  });

  it('refuses client writes to the account room', async () => {
    const { memberId, token } = await phoneLogin(freshPhone(), 'app');
    const client = await RoomClient.connect(`account:${memberId}`, 'app', token);
    expect(client.doc.getMap(ASSETS_MAP).toJSON()).toEqual({ points: 0, balance: 0, tier: 'regular', tags: [] });
    client.doc.getMap(ASSETS_MAP).set('points', 1_000_000);
    await client.until(() => client.denials.length > 0, 'permission-denied');
    const fresh = await RoomClient.connect(`account:${memberId}`, 'app', token);
    expect(fresh.doc.getMap(ASSETS_MAP).get('points')).toBe(0);
  });

  it("refuses another member's rooms with 403 and no token with 401, before the upgrade", async () => {
    const alice = await phoneLogin(freshPhone(), 'pc');
    const bob = await phoneLogin(freshPhone(), 'pc');
    for (const kind of ['member', 'account']) {
      expect(await refusedWith(`${kind}:${alice.memberId}`, 'pc', bob.token)).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden' } },
      });
      expect(await refusedWith(`${kind}:${alice.memberId}`, 'pc')).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized' } },
      });
      expect((await refusedWith(`${kind}:${alice.memberId}`, 'pc', 'garbage')).status).toBe(401);
      // A token is for the channel it was issued on.
      expect((await refusedWith(`${kind}:${alice.memberId}`, 'app', alice.token)).status).toBe(403);
    }
  });

  it('lets a guest keep a cart in its own room', async () => {
    const sku = await firstSku();
    const guest = await guestLogin('h5');
    const client = await RoomClient.connect(`member:${guest.memberId}`, 'h5', guest.token);
    cartOf(client).set(sku.skuId, line(1));
    const other = await RoomClient.connect(`member:${guest.memberId}`, 'h5', guest.token);
    await other.until(() => cartOf(other).get(sku.skuId)?.qty === 1, 'guest cart line');
  });
});

describe('member room rules, fixed by a server write every socket sees', () => {
  it.each([
    ['qty 0 removes the line', 0, undefined],
    ['qty 1000 becomes 999', 1000, 999],
    ['qty 2.5 becomes 2', 2.5, 2],
    ['a negative qty removes the line', -3, undefined],
  ])('%s', async (_, qty, expected) => {
    const sku = await firstSku();
    const keep = await firstSku();
    const { mini, h5 } = await twoChannels();
    cartOf(mini).set(keep.skuId, line(1));
    cartOf(mini).set(sku.skuId, line(qty));
    await h5.until(
      () => cartOf(h5).has(keep.skuId) && cartOf(h5).get(sku.skuId)?.qty === expected,
      `qty ${expected} on the second socket`,
    );
    await mini.until(() => cartOf(mini).get(sku.skuId)?.qty === expected, `qty ${expected} on the writer`);
    expect(cartOf(h5).get(keep.skuId)?.qty).toBe(1);
  });

  it('removes lines for unknown and delisted SKUs, and favorites of unknown SKUs', async () => {
    const listed = await firstSku();
    const delisted = await firstSku();
    await patchSku(delisted.skuId, { listed: false });
    const { mini, h5 } = await twoChannels();
    mini.doc.transact(() => {
      cartOf(mini).set(listed.skuId, line(1));
      cartOf(mini).set(delisted.skuId, line(1));
      cartOf(mini).set('sku_does_not_exist', line(1));
      mini.doc.getMap(FAVORITES_MAP).set('sku_does_not_exist', { addedAt: 1, channel: 'mini' });
      mini.doc.getMap(FAVORITES_MAP).set(delisted.skuId, { addedAt: 1, channel: 'mini' });
    });
    await h5.until(
      () =>
        cartOf(h5).has(listed.skuId) &&
        !cartOf(h5).has(delisted.skuId) &&
        !cartOf(h5).has('sku_does_not_exist') &&
        h5.doc.getMap(FAVORITES_MAP).has(delisted.skuId) &&
        !h5.doc.getMap(FAVORITES_MAP).has('sku_does_not_exist'),
      'invalid lines removed on h5',
    );
    expect([...cartOf(h5).keys()]).toEqual([listed.skuId]);
  });

  it('keeps at most 200 cart lines, dropping the most recently added', async () => {
    const skus = [...(await createProduct(100)).skus, ...(await createProduct(100)).skus, await firstSku()];
    const { mini, h5 } = await twoChannels();
    const [oldest, newest] = [skus.at(0)?.skuId, skus.at(-1)?.skuId];
    expect(skus).toHaveLength(201);
    if (!oldest || !newest) throw new Error('no SKUs created');
    mini.doc.transact(() => {
      skus.forEach((s, i) => {
        cartOf(mini).set(s.skuId, line(1, 1_000 + i));
      });
    });
    await h5.until(() => cartOf(h5).size === 200 && !cartOf(h5).has(newest), '200 lines on h5', 10_000);
    await mini.until(() => cartOf(mini).size === 200, '200 lines on the writer');
    expect(cartOf(h5).has(oldest)).toBe(true);
    expect(cartOf(mini).has(newest)).toBe(false);
  });

  it('trims browsing history to the newest 200 entries', async () => {
    const sku = await firstSku();
    const { mini, h5 } = await twoChannels();
    const history = mini.doc.getArray<{ skuId: string; at: number }>(HISTORY_ARRAY);
    history.push(Array.from({ length: 205 }, (_, i) => ({ skuId: sku.skuId, at: i, channel: 'mini' })));
    const h5History = h5.doc.getArray<{ at: number }>(HISTORY_ARRAY);
    await h5.until(() => h5History.length === 200 && h5History.get(0)?.at === 5, 'history trimmed on h5');
    expect(h5History.get(199)?.at).toBe(204);
  });
});
