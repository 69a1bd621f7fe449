import type { Env } from '../../env';
import { skuRoomOf } from '../SkuRoom';

/** Turns what a paid order holds in each SKU's room into sold units; committing twice changes nothing. */
export const commitStock = async (env: Env, orderId: string, skuIds: string[]): Promise<void> => {
  await Promise.all(skuIds.map((skuId) => skuRoomOf(env, skuId).commit(orderId)));
};
