import type { ProductOptionsEdit } from '../../shared/api/products';
import { ApiError, notFound } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { updateProductOptions } from './records/productEdits';
import { findProductRecord } from './records/productReads';
import { planOptionEdit } from './rules/optionEdits';
import { skuTitleOf } from './rules/skuTitle';
import { skuRoomOf } from './SkuRoom';

/**
 * An operator's edit of a product's spec options (`rules/optionEdits.ts` says what it does and
 * refuses): the options and every SKU's values in one D1 batch, then each SKU whose name followed
 * its values shows its new title on every connected storefront through its room.
 */
export const editProductOptions = async (env: Env, productId: string, edit: ProductOptionsEdit): Promise<void> => {
  const db = database(env.DB);
  const record = await findProductRecord(db, productId);
  if (!record) throw notFound('product', 'productId');
  const plan = planOptionEdit(record.product.options, record.skus, edit);
  if ('status' in plan) throw new ApiError(plan.status, plan.code, plan.message, plan.field);
  await updateProductOptions(db, productId, plan, clock.now());
  const renamed = plan.skus.filter((s) => s.name !== record.skus.find((r) => r.skuId === s.skuId)?.name);
  await Promise.all(renamed.map((s) => skuRoomOf(env, s.skuId).retitle(skuTitleOf(record.product.title, s.name))));
};
