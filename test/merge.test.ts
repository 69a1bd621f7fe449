import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberIdentities, orders, pointsLedger } from '../schema';
import { ASSETS_MAP, COUPONS_MAP, ORDERS_MAP } from '../shared/docs/account';
import { CART_MAP, FAVORITES_MAP } from '../shared/docs/member';
import { CLOSE_MEMBER_MERGED } from '../shared/protocol/closeCodes';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { currentMemberId } from '../workers/members/records/memberRecords';
import { mergeMembers } from '../workers/members/records/mergeRecords';
import { database } from '../workers/records/db';
import { accountClient, adjust, createCoupon } from './support/account';
import { firstSku } from './support/hub';
import {
  bindPhone,
  freshPhone,
  freshWechatCode,
  guestLogin,
  phoneLogin,
  shopper,
  wechatLogin,
} from './support/members';
import { manyMembers } from './support/orders';
import { RoomClient } from './support/roomClient';

const db = database(env.DB);
const line = (qty: number, channel = 'mini') => ({ qty, addedAt: Date.now(), channel, selected: true });

describe('merging two accounts', () => {
  it('merges carts, favorites, points, balance, coupons and orders exactly once', async () => {
    const [shared, onlyWechat, onlyPhone] = [await firstSku(), await firstSku(), await firstSku()];
    const wechat = await wechatLogin(freshWechatCode(), 'app');
    const phone = freshPhone();
    const phoneMember = await phoneLogin(phone, 'app');

    const wechatRoom = await RoomClient.connect(`member:${wechat.memberId}`, 'app', wechat.token);
    const phoneRoom = await RoomClient.connect(`member:${phoneMember.memberId}`, 'app', phoneMember.token);
    wechatRoom.doc.getMap(CART_MAP).set(shared.skuId, line(2));
    wechatRoom.doc.getMap(CART_MAP).set(onlyWechat.skuId, line(1));
    phoneRoom.doc.getMap(CART_MAP).set(shared.skuId, line(3));
    phoneRoom.doc.getMap(CART_MAP).set(onlyPhone.skuId, line(4));
    phoneRoom.doc.getMap(FAVORITES_MAP).set(onlyPhone.skuId, { addedAt: 1, channel: 'app' });
    // Second sockets on each room prove both carts reached the hub before the merge.
    const phoneSeen = await RoomClient.connect(`member:${phoneMember.memberId}`, 'app', phoneMember.token);
    const wechatSeen = await RoomClient.connect(`member:${wechat.memberId}`, 'app', wechat.token);
    await phoneSeen.until(() => phoneSeen.doc.getMap(CART_MAP).size === 2, 'phone cart stored');
    await wechatSeen.until(() => wechatSeen.doc.getMap(CART_MAP).size === 2, 'wechat cart stored');

    expect((await adjust(wechat.memberId, 'points', { delta: 100, reason: 'welcome' })).status).toBe(200);
    expect((await adjust(phoneMember.memberId, 'points', { delta: 50, reason: 'welcome' })).status).toBe(200);
    expect((await adjust(phoneMember.memberId, 'balance', { delta: 500, reason: 'top-up' })).status).toBe(200);
    const [couponA, couponB] = [await createCoupon(), await createCoupon()];
    expect((await shopper('POST', `/api/coupons/${couponA.id}/claim`, undefined, wechat.token)).status).toBe(201);
    expect((await shopper('POST', `/api/coupons/${couponB.id}/claim`, undefined, phoneMember.token)).status).toBe(201);
    await db.insert(orders).values({
      id: `ord_${crypto.randomUUID().slice(0, 8)}`,
      memberId: phoneMember.memberId,
      status: 'unpaid',
      channel: 'h5',
      total: 9900,
      payable: 9900,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });

    const account = await accountClient(wechat, 'app');
    const bound = await bindPhone(wechat.token, phone);
    expect(bound.status).toBe(200);
    expect(await bound.json()).toEqual({ memberId: wechat.memberId, merged: phoneMember.memberId });

    const cart = wechatRoom.doc.getMap<{ qty: number }>(CART_MAP);
    await wechatRoom.until(
      () => cart.get(shared.skuId)?.qty === 5 && cart.get(onlyPhone.skuId)?.qty === 4,
      'merged cart on the survivor',
    );
    expect(cart.get(onlyWechat.skuId)?.qty).toBe(1);
    expect(wechatRoom.doc.getMap(FAVORITES_MAP).has(onlyPhone.skuId)).toBe(true);

    await account.until(() => account.doc.getMap(ASSETS_MAP).get('points') === 150, 'merged points');
    expect(account.doc.getMap(ASSETS_MAP).get('balance')).toBe(500);
    const coupons = Object.values(account.doc.getMap(COUPONS_MAP).toJSON()) as Array<{ couponId: number }>;
    expect(coupons.map((c) => c.couponId).sort()).toEqual([couponA.id, couponB.id].sort());
    expect(account.doc.getMap(ORDERS_MAP).size).toBe(1);

    // The absorbed account's sockets are closed and its token no longer works.
    await phoneRoom.until(() => phoneRoom.closed !== null, 'absorbed socket closed');
    expect(phoneRoom.closed?.code).toBe(CLOSE_MEMBER_MERGED);
    expect((await shopper('GET', '/api/members/me', undefined, phoneMember.token)).status).toBe(401);
    // Logging in with the phone now yields the survivor.
    const again = await phoneLogin(phone, 'pc');
    expect(again.memberId).toBe(wechat.memberId);

    // Binding once more changes nothing: the merge happened exactly once.
    const rebound = await bindPhone(wechat.token, phone);
    expect(await rebound.json()).toEqual({ memberId: wechat.memberId, merged: null });
    const ledger = await db.select().from(pointsLedger).where(eq(pointsLedger.memberId, wechat.memberId));
    expect(ledger.map((r) => r.delta).sort()).toEqual([100, 50].sort());
    const summary = await (await shopper('GET', '/api/members/me', undefined, again.token)).json();
    expect(summary).toMatchObject({ memberId: wechat.memberId });
    expect(cart.get(shared.skuId)?.qty).toBe(5);

    // Its old room names now lead to the survivor's rooms.
    const viaOldName = await RoomClient.connect(`member:${phoneMember.memberId}`, 'pc', again.token);
    expect(viaOldName.doc.getMap(CART_MAP).get(shared.skuId)).toMatchObject({ qty: 5 });
  });
});

describe('two binds racing for one WeChat identity', () => {
  const bindWechat = (token: string, code: string) =>
    shopper('POST', '/api/members/me/identities', { kind: 'wechat', code }, token);

  it('answers success only to the bind that holds the identity afterwards, the other 409, 16 races over', async () => {
    const races = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const code = freshWechatCode();
        const held = await wechatLogin(code, 'mini');
        const binders = await manyMembers(2, 'app');
        const responses = await Promise.all(binders.map((b) => bindWechat(b.token, code)));
        const answers = await Promise.all(
          responses.map(async (r) => ({
            status: r.status,
            body: await r.json<{ merged?: string | null; error?: { code: string } }>(),
          })),
        );
        return { code, held, binders, answers };
      }),
    );
    for (const { code, held, binders, answers } of races) {
      const bound = [`dev-unionid-${code}`, `dev-openid-wx-dev-oauth-${code}`];
      const rows = await db.select().from(memberIdentities).where(inArray(memberIdentities.value, bound));
      expect(rows).toHaveLength(2);
      const holders = new Set(rows.map((r) => r.memberId));
      expect(holders.size, 'one account holds both identities').toBe(1);
      const [holder] = holders;
      expect(answers.some((a) => a.status === 200)).toBe(true);
      for (const [i, answer] of answers.entries()) {
        const binder = binders[i]?.memberId ?? '';
        if (answer.status === 200) {
          expect(binder, JSON.stringify(answer.body)).toBe(holder);
          // It merged the account that held the identity: the first one, or the loser that had just taken it.
          expect(answer.body).toMatchObject({ memberId: binder });
          expect([held.memberId, ...binders.map((b) => b.memberId)]).toContain(answer.body.merged);
        } else {
          // Refused: still an account of its own, whose next bind merges the winner, or itself
          // merged into the winner by the winner's bind.
          expect(answer).toMatchObject({ status: 409, body: { error: { code: 'identity_moved' } } });
          const account = await currentMemberId(db, binder);
          expect([binder, holder]).toContain(account);
          if (account === binder) {
            const again = await bindWechat(binders[i]?.token ?? '', code);
            expect(await again.json()).toEqual({ memberId: binder, merged: holder });
          }
        }
      }
    }
  }, 30_000);
});

describe('a guest cart on login', () => {
  it('merges the guest cart and favorites into the member, adding quantities of the same SKU', async () => {
    const [shared, guestOnly] = [await firstSku(), await firstSku()];
    const phone = freshPhone();
    const member = await phoneLogin(phone, 'h5');
    const memberRoom = await RoomClient.connect(`member:${member.memberId}`, 'h5', member.token);
    memberRoom.doc.getMap(CART_MAP).set(shared.skuId, line(1, 'h5'));

    const guest = await guestLogin('mini');
    const guestRoom = await RoomClient.connect(`member:${guest.memberId}`, 'mini', guest.token);
    guestRoom.doc.getMap(CART_MAP).set(shared.skuId, line(2));
    guestRoom.doc.getMap(CART_MAP).set(guestOnly.skuId, line(1));
    guestRoom.doc.getMap(FAVORITES_MAP).set(guestOnly.skuId, { addedAt: 1, channel: 'mini' });
    const stored = await RoomClient.connect(`member:${guest.memberId}`, 'mini', guest.token);
    await stored.until(
      () => stored.doc.getMap(FAVORITES_MAP).size === 1 && stored.doc.getMap(CART_MAP).size === 2,
      'guest state stored',
    );
    await memberRoom.until(() => memberRoom.doc.getMap(CART_MAP).size === 1, 'member cart stored');

    const loggedIn = await phoneLogin(phone, 'mini', guest.token);
    expect(loggedIn.memberId).toBe(member.memberId);
    const cart = memberRoom.doc.getMap<{ qty: number }>(CART_MAP);
    await memberRoom.until(
      () => cart.get(shared.skuId)?.qty === 3 && cart.get(guestOnly.skuId)?.qty === 1,
      'guest lines in the member cart',
    );
    expect(memberRoom.doc.getMap(FAVORITES_MAP).has(guestOnly.skuId)).toBe(true);
    expect((await shopper('GET', '/api/members/me', undefined, guest.token)).status).toBe(401);
  });
});

describe('a merge interrupted after its records moved', () => {
  it.each([
    ['before the cart moved', 'pending', 2],
    ['after the cart moved, before the absorbed one was emptied', 'applied', undefined],
  ])('is finished by the alarm %s, never adding a cart twice', async (_, state, expectedQty) => {
    const sku = await firstSku();
    const survivor = await phoneLogin(freshPhone(), 'pc');
    const absorbed = await phoneLogin(freshPhone(), 'pc');
    const absorbedRoom = await RoomClient.connect(`member:${absorbed.memberId}`, 'pc', absorbed.token);
    absorbedRoom.doc.getMap(CART_MAP).set(sku.skuId, line(2));
    const seen = await RoomClient.connect(`member:${absorbed.memberId}`, 'pc', absorbed.token);
    await seen.until(() => seen.doc.getMap(CART_MAP).size === 1, 'absorbed cart stored');

    // The records moved, then the survivor's object failed with the absorption noted in `state`.
    expect(await mergeMembers(db, absorbed.memberId, survivor.memberId, Date.now())).toBe(true);
    const stub = memberRoomOf(env, survivor.memberId);
    await runInDurableObject(stub, async (_room, storage) => {
      storage.storage.sql.exec(
        'INSERT INTO absorptions (absorbed_id, survivor_id, state) VALUES (?, ?, ?)',
        absorbed.memberId,
        survivor.memberId,
        state,
      );
      await storage.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const survivorRoom = await RoomClient.connect(`member:${survivor.memberId}`, 'pc', survivor.token);
    expect(survivorRoom.doc.getMap<{ qty: number }>(CART_MAP).get(sku.skuId)?.qty).toBe(expectedQty);
    expect(await memberRoomOf(env, absorbed.memberId).freeze()).toEqual({
      cart: {},
      favorites: {},
      history: [],
    });
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});
