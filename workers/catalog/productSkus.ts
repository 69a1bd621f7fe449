import { type NewSku, type SkuContentPatch, skuOptionProblem } from '../../shared/api/products';
import type { SkuState } from '../../shared/docs/sku';
import { ApiError, notFound } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { newId } from '../records/ids';
import { catalogRoomOf } from './CatalogRoom';
import { checkReferences } from './productReferences';
import { markSkuRemoved, updateSkuContent } from './records/productEdits';
import { findProductRecord, type ProductRecord } from './records/productReads';
import { insertSkus } from './records/productRecords';
import { followingName, skuNameOf, skuTitleOf } from './rules/skuTitle';
import { skuRoomOf } from './SkuRoom';
import { delistIfProductLeft, productNotListed } from './skuListing';

const productOrNotFound = async (env: Env, productId: string): Promise<ProductRecord> => {
  const record = await findProductRecord(database(env.DB), productId);
  if (!record) throw notFound('product', 'productId');
  return record;
};

const skuOf = (record: ProductRecord, skuId: string) => {
  const sku = record.skus.find((s) => s.skuId === skuId);
  if (!sku) throw notFound('SKU', 'skuId');
  return sku;
};

/** Listing a SKU of a product shoppers cannot see would show it for sale on its own: refused. */
const refuseListingUnlisted = (record: ProductRecord, listed: boolean | undefined) => {
  if (listed === true && record.product.status !== 'listed') throw productNotListed(record.product.status, 'listed');
};

/** A new SKU of an existing product, named by one value of each of its options; on the catalog feed at once. */
export const addSku = async (env: Env, productId: string, input: NewSku): Promise<SkuState> => {
  const record = await productOrNotFound(env, productId);
  refuseListingUnlisted(record, input.listed);
  checkOptionValues(record, input.options ?? []);
  const db = database(env.DB);
  if (input.imageId) await checkReferences(db, { images: [{ imageId: input.imageId, field: 'imageId' }] });
  const name = skuNameOf(input);
  const now = clock.now();
  const state: SkuState = {
    skuId: newId('sku'),
    productId,
    title: skuTitleOf(record.product.title, name),
    price: input.price,
    stock: input.stock,
    listed: record.product.status === 'listed' && (input.listed ?? true),
    flash: null,
    // A new SKU shows its product's sales figure, like its siblings.
    sales: record.product.sales,
    rev: 1,
    changedAt: now,
  };
  const row = {
    state,
    name,
    options: input.options ?? [],
    imageId: input.imageId ?? null,
    ownListed: input.listed ?? true,
  };
  await insertSkus(db, [row], []);
  await catalogRoomOf(env).upsert([state]);
  if (!state.listed) return state;
  return (await delistIfProductLeft(env, [state.skuId])).get(state.skuId) ?? state;
};

/** 400 for option values that are not one of each of the product's options; 409 when another SKU has them. */
const checkOptionValues = (record: ProductRecord, options: string[], skuId?: string) => {
  const problem = skuOptionProblem(record.product.options, { options });
  if (problem) {
    const field = problem.path.join('.');
    throw new ApiError(400, 'invalid_input', `${field}: ${problem.message}`, field);
  }
  const combination = JSON.stringify(options);
  const twin = record.skus.find((s) => s.skuId !== skuId && JSON.stringify(s.options) === combination);
  if (record.product.options.length > 0 && twin) {
    throw new ApiError(409, 'sku_exists', `SKU ${twin.skuId} of this product has these option values`, 'options');
  }
};

/**
 * Renames, re-pictures, lists or delists a SKU, or gives it other option values (a name that was
 * its values follows them); what shoppers see changes through its room.
 */
export const editSkuContent = async (env: Env, productId: string, skuId: string, patch: SkuContentPatch) => {
  const record = await productOrNotFound(env, productId);
  const sku = skuOf(record, skuId);
  refuseListingUnlisted(record, patch.listed);
  if (patch.options) checkOptionValues(record, patch.options, skuId);
  const db = database(env.DB);
  if (patch.imageId) await checkReferences(db, { images: [{ imageId: patch.imageId, field: 'imageId' }] });
  const name = patch.title ?? (patch.options ? followingName(sku, patch.options) : undefined);
  await updateSkuContent(db, skuId, { name, imageId: patch.imageId, ownListed: patch.listed, options: patch.options });
  const room = skuRoomOf(env, skuId);
  if (name !== undefined) await room.retitle(skuTitleOf(record.product.title, name));
  if (patch.listed !== undefined) await room.edit({ listed: patch.listed });
  if (patch.listed === true) await delistIfProductLeft(env, [skuId]);
};

/**
 * Removes a SKU from its product: delisted in its room (so every storefront and cart sees it
 * go), then marked removed in D1, where orders that name it still find it. A product keeps at
 * least one SKU: to stop selling it, change its status.
 */
export const removeSku = async (env: Env, productId: string, skuId: string): Promise<void> => {
  const record = await productOrNotFound(env, productId);
  skuOf(record, skuId);
  if (record.skus.length === 1) {
    throw new ApiError(409, 'last_sku', 'a product keeps at least one SKU; change its status instead', 'skuId');
  }
  await skuRoomOf(env, skuId).edit({ listed: false });
  await markSkuRemoved(database(env.DB), skuId, clock.now());
};
