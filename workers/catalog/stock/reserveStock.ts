import type { OrderLine } from '../../../shared/api/orders';
import type { Env } from '../../env';
import { isRefusal, type Refusal } from '../../platform/refusal';
import { type Buyer, skuRoomOf } from '../SkuRoom';
import type { ReservedLine } from './reservations';

/** Returns what `orderId` holds in each of the SKUs' rooms; releasing what was never held is harmless. */
export const releaseStock = async (env: Env, orderId: string, skuIds: string[]): Promise<void> => {
  await Promise.all(skuIds.map((skuId) => skuRoomOf(env, skuId).release(orderId)));
};

/**
 * Reserves every line of an order in its SKU's room. All or nothing: when one SKU refuses (or
 * fails), every line is released again and the refusal names that line's SKU.
 */
export const reserveStock = async (
  env: Env,
  orderId: string,
  items: OrderLine[],
  expiresAt: number,
  buyer: Buyer,
): Promise<ReservedLine[] | Refusal> => {
  const results = await Promise.allSettled(
    items.map(({ skuId, qty }) => skuRoomOf(env, skuId).reserve(orderId, qty, expiresAt, buyer)),
  );
  const reserved: ReservedLine[] = [];
  for (const [index, result] of results.entries()) {
    const value = result.status === 'fulfilled' ? result.value : null;
    if (value && !isRefusal(value)) {
      reserved.push(value);
      continue;
    }
    await releaseStock(
      env,
      orderId,
      items.map((i) => i.skuId),
    );
    if (!value) throw (result as PromiseRejectedResult).reason;
    return { refused: { ...value.refused, field: `items.${index}.skuId` } };
  }
  return reserved;
};
