import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { expect, vi } from 'vitest';
import { members } from '../../schema';
import type { Channel } from '../../shared/channels';
import type { SkuState } from '../../shared/docs/sku';
import { skuRoomOf } from '../../workers/catalog/SkuRoom';
import { issueToken } from '../../workers/members/auth/tokens';
import { memberRoomOf } from '../../workers/members/MemberRoom';
import { ORDER_TTL_MS } from '../../workers/orders/placeOrder';
import type { Order } from '../../workers/orders/records/orderRecords';
import { chunks } from '../../workers/records/chunks';
import { database } from '../../workers/records/db';
import { moveClock } from './clock';
import { admin } from './hub';
import { shopper } from './members';

/** Places an order as a member, under an idempotency key (`null`: without one). */
export const placeOrder = (token: string | undefined, body: unknown, key: string | null = crypto.randomUUID()) =>
  shopper('POST', '/api/orders', body, token, key === null ? {} : { 'Idempotency-Key': key });

/**
 * Writes the member's orders still in its order outbox to D1 now, as the outbox's own flush does
 * within a second, for a test that reads D1 (or writes there behind the member's back) next.
 */
export const flushOrders = (memberId: string) => memberRoomOf(env, memberId).flushOrders();

/** Places an order that must succeed, and answers it once D1 has it too (`flushOrders`). */
export const placedOrder = async (token: string, body: unknown): Promise<Order> => {
  const response = await placeOrder(token, body);
  if (response.status !== 201) throw new Error(`order failed: ${response.status} ${await response.text()}`);
  const order = await response.json<Order>();
  await flushOrders(order.memberId);
  return order;
};

/** The SKU as the public API shows it. */
export const skuState = async (skuId: string): Promise<SkuState> => (await shopper('GET', `/api/skus/${skuId}`)).json();

/** Flushes the SKU room's outbox to D1 now instead of when its alarm comes. */
export const flushOutbox = (skuId: string) => runDurableObjectAlarm(skuRoomOf(env, skuId));

/** Moves the clock past the expiry of every order placed so far, without the expiry alarm running. */
export const pastDue = () => moveClock(ORDER_TTL_MS + 1);

/** Moves the clock past the member's open orders' expiry and runs the expiry alarm. */
export const expireOrders = async (memberId: string) => {
  pastDue();
  const room = memberRoomOf(env, memberId);
  // The order outbox's flush may be running on the alarm right now; none is set until it ends.
  await vi.waitFor(
    async () => expect(await runInDurableObject(room, (_, state) => state.storage.getAlarm())).not.toBeNull(),
    { timeout: 5_000 },
  );
  expect(await runDurableObjectAlarm(room)).toBe(true);
};

/** Ships a paid mall order the way the operator does. */
export const shipOrder = async (orderId: string) => {
  expect((await admin('POST', `/api/admin/orders/${orderId}/ship`, {})).status).toBe(200);
};

/** A member row binds 6 parameters; D1 allows 100 per statement. */
const MEMBERS_PER_INSERT = 15;

/**
 * Many members at once, stored straight in D1 with signed tokens: logging 300 shoppers in one
 * by one is not what a concurrency test is about.
 */
export const manyMembers = async (
  count: number,
  channel: Channel,
): Promise<Array<{ memberId: string; token: string }>> => {
  const db = database(env.DB);
  const rows = Array.from({ length: count }, () => ({
    id: `mem_${crypto.randomUUID().slice(0, 12)}`,
    createdAt: Date.now(),
  }));
  for (const part of chunks(rows, MEMBERS_PER_INSERT)) await db.insert(members).values(part);
  return Promise.all(
    rows.map(async (row) => ({ memberId: row.id, token: await issueToken(env, row.id, channel, 'member') })),
  );
};
