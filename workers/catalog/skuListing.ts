import type { SkuPatch } from '../../shared/api/admin';
import type { ProductStatus } from '../../shared/api/productModel';
import type { SkuState } from '../../shared/docs/sku';
import { ApiError, notFound } from '../edge/errors';
import type { Env } from '../env';
import { database } from '../records/db';
import { productStatusOfSkus, recordOwnListing } from './records/skuRecords';
import { type SkuEdited, skuRoomOf } from './SkuRoom';

/** Listing a SKU of a product shoppers cannot see would show it for sale on its own. */
export const productNotListed = (status: ProductStatus, field: string) =>
  new ApiError(409, 'product_not_listed', `the product is ${status}: list the product first`, field);

/**
 * Takes each of `skuIds` off sale again whose product left `listed` (or which was removed) while
 * it was being put on sale: that move read the SKUs before this listing landed, so it did not
 * take it off sale; a move whose record is written after this read takes it off sale itself.
 * Answers the new state of each SKU it took off sale.
 */
export const delistIfProductLeft = async (env: Env, skuIds: string[]): Promise<Map<string, SkuState>> => {
  if (skuIds.length === 0) return new Map();
  const statuses = await productStatusOfSkus(database(env.DB), skuIds);
  const left = skuIds.filter((id) => {
    const found = statuses.get(id);
    return found !== undefined && (found.status !== 'listed' || found.removed);
  });
  const edited = await Promise.all(left.map((id) => skuRoomOf(env, id).edit({ listed: false })));
  return new Map(edited.flatMap((e) => (e === null ? [] : [[e.after.skuId, e.after] as const])));
};

/** One operator edit of a SKU's price, stock or listing. */
export type SkuEdit = SkuPatch & { skuId: string };

/**
 * Refuses, before any room changes, edits naming an unknown SKU (404) and listings of a SKU whose
 * product is not listed, or which was removed from its product (409).
 */
const refuseEdits = async (
  env: Env,
  edits: SkuEdit[],
  fieldOf: (index: number, field: keyof SkuEdit) => string,
): Promise<void> => {
  const statuses = await productStatusOfSkus(
    database(env.DB),
    edits.map((e) => e.skuId),
  );
  const unknown = edits.findIndex((e) => !statuses.has(e.skuId));
  if (unknown >= 0) throw notFound(`SKU ${edits[unknown]?.skuId}`, fieldOf(unknown, 'skuId'));
  edits.forEach((edit, i) => {
    const { status, removed } = statuses.get(edit.skuId) ?? { status: 'listed', removed: false };
    if (edit.listed !== true) return;
    if (removed)
      throw new ApiError(409, 'sku_removed', `SKU ${edit.skuId} was removed from its product`, fieldOf(i, 'listed'));
    if (status !== 'listed') throw productNotListed(status, fieldOf(i, 'listed'));
  });
};

/**
 * Applies operator edits of price, stock and listing, all or none refused (`refuseEdits`). A lone
 * edit that lists nothing skips that D1 read, since its room knows whether the SKU exists: an
 * operator's price or stock change goes straight to the room that sends it to every storefront.
 * A listing given is also the SKU's own, which listing its product again restores
 * (`editProduct.ts`). `fieldOf` names a field of the edit at `index` in the caller's body.
 */
export const editSkus = async (
  env: Env,
  edits: SkuEdit[],
  fieldOf: (index: number, field: keyof SkuEdit) => string,
): Promise<SkuEdited[]> => {
  if (edits.length > 1 || edits.some((e) => e.listed === true)) await refuseEdits(env, edits, fieldOf);
  await recordOwnListing(
    database(env.DB),
    edits.flatMap(({ skuId, listed }) => (listed === undefined ? [] : [{ skuId, listed }])),
  );
  const edited = await Promise.all(edits.map(({ skuId, ...patch }) => skuRoomOf(env, skuId).edit(patch)));
  const unknown = edited.indexOf(null);
  if (unknown >= 0) throw notFound(`SKU ${edits[unknown]?.skuId}`, fieldOf(unknown, 'skuId'));
  const delisted = await delistIfProductLeft(
    env,
    edits.filter((e) => e.listed === true).map((e) => e.skuId),
  );
  return edited.flatMap((e) => (e === null ? [] : [{ ...e, after: delisted.get(e.after.skuId) ?? e.after }]));
};
