import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import { HOLD_CHECK_AFTER_MS } from '../workers/catalog/stock/holdChecks';
import { memberRoomOf } from '../workers/members/MemberRoom';
import { openOrderById, recordOpenOrder } from '../workers/orders/openOrders';
import { ORDER_TTL_MS } from '../workers/orders/placeOrder';
import { clock } from '../workers/platform/clock';
import { moveClock } from './support/clock';
import { createProduct } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { placedOrder, placeOrder, skuState } from './support/orders';

const newSku = async () => {
  const [sku] = (await createProduct()).skus;
  if (!sku) throw new Error('no SKU created');
  return sku;
};

const reserveFor = (skuId: string, orderId: string, memberId: string, qty: number) =>
  skuRoomOf(env, skuId).reserve(orderId, qty, clock.now() + ORDER_TTL_MS, { memberId, channel: 'h5' });

/** Lets a minute pass and runs the SKU room's alarm, as the platform would. */
const aMinuteLater = async (skuId: string) => {
  moveClock(HOLD_CHECK_AFTER_MS + 1);
  expect(await runDurableObjectAlarm(skuRoomOf(env, skuId))).toBe(true);
};

describe('reservations no order holds', () => {
  it('go back to stock a minute after they were made; a placed order keeps its units', async () => {
    const { skuId } = await newSku();
    const before = (await skuState(skuId)).stock;
    const shopper = await phoneLogin(freshPhone(), 'h5');
    await placedOrder(shopper.token, { items: [{ skuId, qty: 2 }], channel: 'h5' });
    // A member room that reserved and then died: no open order, no order in D1.
    await reserveFor(skuId, `ord_${crypto.randomUUID()}`, `mem_${crypto.randomUUID()}`, 3);
    expect((await skuState(skuId)).stock).toBe(before - 5);

    await aMinuteLater(skuId);
    expect((await skuState(skuId)).stock).toBe(before - 2);
  });

  it('releases what a placement cut off before storing its order held, and its key places the order afresh', async () => {
    const { skuId } = await newSku();
    const before = (await skuState(skuId)).stock;
    const shopper = await phoneLogin(freshPhone(), 'h5');
    const key = crypto.randomUUID();
    const open = {
      orderId: `ord_${crypto.randomUUID()}`,
      memberId: shopper.memberId,
      idempotencyKey: key,
      skuIds: [skuId],
      expiresAt: clock.now() + ORDER_TTL_MS,
    };
    // What placeOrder.ts leaves when the object dies after reserving, before the D1 insert.
    await runInDurableObject(memberRoomOf(env, shopper.memberId), (_, state) =>
      recordOpenOrder(state.storage.sql, open),
    );
    await reserveFor(skuId, open.orderId, shopper.memberId, 4);

    await aMinuteLater(skuId);
    expect((await skuState(skuId)).stock).toBe(before);
    const forgotten = await runInDurableObject(memberRoomOf(env, shopper.memberId), (_, state) =>
      openOrderById(state.storage.sql, open.orderId),
    );
    expect(forgotten).toBeNull();
    const replay = await placeOrder(shopper.token, { items: [{ skuId, qty: 4 }], channel: 'h5' }, key);
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as { id: string }).id).not.toBe(open.orderId);
    expect((await skuState(skuId)).stock).toBe(before - 4);

    await aMinuteLater(skuId);
    expect((await skuState(skuId)).stock).toBe(before - 4);
  });
});
