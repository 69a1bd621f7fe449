import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members, orders } from '../schema';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { mergeMembers } from '../workers/members/records/mergeRecords';
import { database } from '../workers/records/db';
import { firstSku } from './support/hub';
import { bindPhone, freshPhone, freshWechatCode, phoneLogin, shopper, wechatLogin } from './support/members';
import { flushOrders, placeOrder, skuState } from './support/orders';

const db = database(env.DB);
const storedOrders = async (memberId: string) => db.query.orders.findMany({ where: eq(orders.memberId, memberId) });

describe("an order asks the member's own room whether the member may still order", () => {
  it('refuses a merged member 401 member_merged, with a good body or a bad one, and reserves nothing', async () => {
    const sku = await firstSku();
    const survivor = await wechatLogin(freshWechatCode(), 'app');
    const phone = freshPhone();
    const absorbed = await phoneLogin(phone, 'h5');
    // Known to its room before the merge, as a shopper who has ordered is.
    expect((await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(201);
    expect((await bindPhone(survivor.token, phone)).status).toBe(200);
    await flushOrders(survivor.memberId);
    const before = await skuState(sku.skuId);

    const good = await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    expect(good.status).toBe(401);
    expect(await good.json()).toMatchObject({ error: { code: 'member_merged' } });
    const bad = await placeOrder(absorbed.token, { items: [] }, null);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'member_merged' } });

    expect((await skuState(sku.skuId)).stock).toBe(before.stock);
    expect(await storedOrders(absorbed.memberId)).toEqual([]);
    // The order placed before the merge moved with the rest.
    expect(await storedOrders(survivor.memberId)).toHaveLength(1);
  });

  it('asks D1 once in the room’s life, so a member merged before its room kept its standing is refused too', async () => {
    const sku = await firstSku();
    const [survivor, absorbed] = [await phoneLogin(freshPhone(), 'pc'), await phoneLogin(freshPhone(), 'pc')];
    // The records moved while the absorbed room knew nothing of it (merged before rooms kept a standing).
    expect(await mergeMembers(db, absorbed.memberId, survivor.memberId, Date.now())).toBe(true);
    const refused = await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'member_merged' } });
    expect(await memberRoomOf(env, absorbed.memberId).standing()).toMatchObject({
      refused: { status: 401, code: 'member_merged' },
    });
  });

  it('answers from the room once it knows the member: D1 is not read again for the next order', async () => {
    const sku = await firstSku();
    const [buyer, other] = [await phoneLogin(freshPhone(), 'mini'), await phoneLogin(freshPhone(), 'mini')];
    expect((await placeOrder(buyer.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(201);
    // Behind the hub's back (its merges close the room first): only a D1 read would notice.
    await db.update(members).set({ mergedInto: other.memberId }).where(eq(members.id, buyer.memberId));
    expect((await placeOrder(buyer.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(201);
    // Every other member route still checks the record.
    expect((await shopper('GET', '/api/members/me', undefined, buyer.token)).status).toBe(401);
  });

  it('lets the member order again when the merge that closed its room did not happen', async () => {
    const sku = await firstSku();
    const [survivor, absorbed] = [await phoneLogin(freshPhone(), 'app'), await phoneLogin(freshPhone(), 'app')];
    const absorbedRoom = memberRoomOf(env, absorbed.memberId);
    await absorbedRoom.closeForMerge(survivor.memberId);
    expect((await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(401);
    // A second merge closing it too, and the first giving up, leaves it closed for the second.
    const other = await phoneLogin(freshPhone(), 'app');
    await absorbedRoom.closeForMerge(other.memberId);
    await absorbedRoom.reopenAfterMerge(survivor.memberId);
    expect((await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(401);
    await absorbedRoom.reopenAfterMerge(other.memberId);
    expect((await placeOrder(absorbed.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(201);
  });
});
