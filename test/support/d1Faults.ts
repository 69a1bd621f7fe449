import { env } from 'cloudflare:test';

/**
 * Makes D1 refuse a SKU room's write-through for `skuId` (its row moving to a newer rev), as an
 * outage would; other writes to the row still land. Answers the function that ends the outage.
 */
export const refuseSkuWriteThrough = async (skuId: string): Promise<() => Promise<void>> => {
  // Trigger bodies cannot bind parameters; SKU ids are `[A-Za-z0-9_-]` (shared/rooms.ts).
  const trigger = `refuse_write_through_${skuId.replaceAll('-', '_')}`;
  await env.DB.prepare(
    `CREATE TRIGGER ${trigger} BEFORE UPDATE OF rev ON skus
     WHEN NEW.id = '${skuId}' AND NEW.rev > OLD.rev BEGIN SELECT RAISE(ABORT, 'D1 unavailable'); END`,
  ).run();
  return async () => {
    await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
  };
};

/**
 * Makes D1 refuse new orders of `memberId`, as an outage would for its order outbox's flush.
 * Answers the function that ends the outage.
 */
export const refuseOrderWrites = async (memberId: string): Promise<() => Promise<void>> => {
  // Member ids are `mem_` and base-36 characters (workers/records/ids.ts), safe in a trigger body.
  const trigger = `refuse_orders_${memberId}`;
  await env.DB.prepare(
    `CREATE TRIGGER ${trigger} BEFORE INSERT ON orders
     WHEN NEW.member_id = '${memberId}' BEGIN SELECT RAISE(ABORT, 'D1 unavailable'); END`,
  ).run();
  return async () => {
    await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
  };
};
