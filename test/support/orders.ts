import { env } from 'cloudflare:test';
import { members } from '../../schema';
import type { Channel } from '../../shared/channels';
import { issueToken } from '../../workers/edge/auth/tokens';
import { chunks } from '../../workers/records/chunks';
import { database } from '../../workers/records/db';
import { shopper } from './members';

/** Places an order as a member, under an idempotency key (`null`: without one). */
export const placeOrder = (token: string | undefined, body: unknown, key: string | null = crypto.randomUUID()) =>
  shopper('POST', '/api/orders', body, token, key === null ? {} : { 'Idempotency-Key': key });

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
