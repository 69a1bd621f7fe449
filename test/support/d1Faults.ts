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
