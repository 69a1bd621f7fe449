import { createScheduledController, env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberIdentities, members } from '../schema';
import { CART_MAP } from '../shared/docs/member';
import { issueToken } from '../workers/members/auth/tokens';
import { scheduledPhoneRepair } from '../workers/members/phoneRepairRun';
import { CRONS } from '../workers/minishop/sync/cron';
import { database } from '../workers/records/db';
import { adjust } from './support/account';
import { admin, firstSku } from './support/hub';
import { freshPhone, phoneLogin, shopper } from './support/members';
import { RoomClient } from './support/roomClient';

const db = database(env.DB);
const line = (qty: number) => ({ qty, addedAt: Date.now(), channel: 'mini', selected: true });

/** A member stored before phones were canonicalised: created at `createdAt`, holding `spelling`. */
const legacyMember = async (spelling: string, createdAt: number) => {
  const memberId = `mem_${crypto.randomUUID().slice(0, 12)}`;
  await db.insert(members).values({ id: memberId, createdAt });
  await db.insert(memberIdentities).values({ memberId, kind: 'phone', appId: '', value: spelling, createdAt });
  return { memberId, token: await issueToken(env, memberId, 'mini', 'member') };
};

const repair = async () => {
  const response = await admin('POST', '/api/admin/members/phone-repair');
  expect(response.status).toBe(200);
  return response.json<{ checked: number; repaired: number; merged: unknown[]; unreadable: number }>();
};

describe('the phone repair', () => {
  it('merges the accounts of one number in three spellings into the oldest, exactly once', async () => {
    const phone = freshPhone();
    const national = phone.slice('+86'.length);
    const now = Date.now();
    // The oldest holds the bare national number, so the survivor is not the canonical spelling's.
    const oldest = await legacyMember(national, now - 3_000);
    const middle = await legacyMember(phone, now - 2_000);
    const newest = await legacyMember(`86${national}`, now - 1_000);
    const [a, b, c] = [await firstSku(), await firstSku(), await firstSku()];
    for (const [member, sku, points] of [
      [oldest, a, 10],
      [middle, b, 20],
      [newest, c, 30],
    ] as const) {
      const room = await RoomClient.connect(`member:${member.memberId}`, 'mini', member.token);
      room.doc.getMap(CART_MAP).set(sku.skuId, line(points / 10));
      const seen = await RoomClient.connect(`member:${member.memberId}`, 'mini', member.token);
      await seen.until(() => seen.doc.getMap(CART_MAP).size === 1, 'cart stored');
      expect((await adjust(member.memberId, 'points', { delta: points, reason: 'welcome' })).status).toBe(200);
    }

    const first = await repair();
    expect(first.merged).toEqual(
      expect.arrayContaining([
        { survivorId: oldest.memberId, absorbedId: middle.memberId },
        { survivorId: oldest.memberId, absorbedId: newest.memberId },
      ]),
    );
    expect(first.merged).toHaveLength(2);

    const identities = await db.select().from(memberIdentities).where(eq(memberIdentities.memberId, oldest.memberId));
    expect(identities.map((i) => i.value)).toEqual([phone]);
    for (const absorbed of [middle, newest]) {
      const response = await shopper('GET', '/api/members/me', undefined, absorbed.token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'member_merged' } });
    }
    const survivor = await RoomClient.connect(`member:${oldest.memberId}`, 'mini', oldest.token);
    const cart = survivor.doc.getMap<{ qty: number }>(CART_MAP);
    expect(Object.fromEntries([a, b, c].map((sku) => [sku.skuId, cart.get(sku.skuId)?.qty]))).toEqual({
      [a.skuId]: 1,
      [b.skuId]: 2,
      [c.skuId]: 3,
    });
    const account = await (await admin('GET', `/api/admin/members/${oldest.memberId}/account`)).json();
    expect(account).toMatchObject({ memberId: oldest.memberId, assets: { points: 60 } });
    expect((await phoneLogin(national, 'mini')).memberId).toBe(oldest.memberId);

    const second = await repair();
    expect(second).toMatchObject({ repaired: 0, merged: [] });
    const pointsAgain = await (await admin('GET', `/api/admin/members/${oldest.memberId}/account`)).json();
    expect(pointsAgain).toMatchObject({ assets: { points: 60 } });
  });

  it('respells a lone old spelling in place on the nightly run, keeping its member', async () => {
    const phone = freshPhone();
    const member = await legacyMember(`0086${phone.slice('+86'.length)}`, Date.now());
    await scheduledPhoneRepair(createScheduledController({ cron: CRONS.products }), env);
    const [identity] = await db.select().from(memberIdentities).where(eq(memberIdentities.memberId, member.memberId));
    expect(identity?.value).toBe(phone);
    expect((await phoneLogin(phone, 'h5')).memberId).toBe(member.memberId);
  });
});
