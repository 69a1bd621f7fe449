import type { ProductPatch } from '../../shared/api/products';
import { notFound } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { catalogRoomOf } from './CatalogRoom';
import { checkReferences } from './productReferences';
import { updateProductContent } from './records/productEdits';
import { findProductRecord, type ProductRecord } from './records/productReads';
import { sanitizeRichText } from './rules/richText';
import { skuTitleOf } from './rules/skuTitle';
import { skuRoomOf } from './SkuRoom';

/**
 * Takes off sale again each SKU just put back on sale whose own listing was turned off meanwhile:
 * that delisting was written after `before` was read, and its room change may have come before
 * this one's; one written after this read comes to the room after this one's.
 */
const keepOwnDelisting = async (env: Env, before: ProductRecord): Promise<void> => {
  const now = await findProductRecord(database(env.DB), before.product.id);
  const delisted = (now?.skus ?? []).filter(
    (s) => !s.ownListed && before.skus.some((b) => b.skuId === s.skuId && b.ownListed),
  );
  await Promise.all(delisted.map((s) => skuRoomOf(env, s.skuId).edit({ listed: false })));
};

/**
 * An operator's edit of a product's content. A new title goes through every SKU's own room, so
 * each connected storefront shows it at once (and D1 takes it from the room's write-through).
 * So does a change of status: a product leaving `listed` takes all its SKUs off sale in their
 * rooms (no order can reserve them), and one coming back puts each back to its own listing.
 * Listing feeds show the title and main picture, so they hear of those.
 */
export const editProduct = async (env: Env, productId: string, patch: ProductPatch): Promise<void> => {
  const db = database(env.DB);
  const record = await findProductRecord(db, productId);
  if (!record) throw notFound('product', 'productId');
  await checkReferences(db, {
    images: patch.images?.map((imageId, i) => ({ imageId, field: `images.${i}` })),
    categoryIds: patch.categoryIds,
  });
  const description = patch.description === undefined ? undefined : await sanitizeRichText(patch.description);
  await updateProductContent(db, productId, { ...patch, description }, clock.now());
  const { title, status } = patch;
  if (title !== undefined && title !== record.product.title) {
    await Promise.all(record.skus.map((s) => skuRoomOf(env, s.skuId).retitle(skuTitleOf(title, s.name))));
  }
  if (title !== undefined || patch.images !== undefined) await catalogRoomOf(env).productsChanged([productId]);
  const wasListed = record.product.status === 'listed';
  if (status !== undefined && (status === 'listed') !== wasListed) {
    await Promise.all(record.skus.map((s) => skuRoomOf(env, s.skuId).edit({ listed: !wasListed && s.ownListed })));
    if (!wasListed) await keepOwnDelisting(env, record);
  }
};
