import type { MiniShopSyncRules } from '../../../shared/api/minishop';
import { catalogRoomOf } from '../../catalog/CatalogRoom';
import { createProduct } from '../../catalog/createProduct';
import { editProduct } from '../../catalog/editProduct';
import {
  insertSkus,
  type NewSkuRow,
  updateProductOptions,
  updateProductTitle,
  updateSkuSpec,
} from '../../catalog/records/productRecords';
import { productSales } from '../../catalog/records/salesRecords';
import { skuIdsOfProduct } from '../../catalog/records/skuRecords';
import { skuTitleOf } from '../../catalog/rules/skuTitle';
import { skuRoomOf } from '../../catalog/SkuRoom';
import type { Env } from '../../env';
import type { Database } from '../../records/db';
import type { SourceProduct, SourceSku } from '../api/schemas/model';
import { insertProductOrigin, lastRunsOfSourceProducts, updateProductOrigin } from '../records/miniShopProductRecords';
import { insertGroupItem } from '../records/productGroupRecords';
import type { CategoryNames } from './categoryNames';
import { localProductId, localSkuId, localTemplateId } from './localIds';
import { migratedContent } from './productContent';

/** Who imports and how: the shop, the run (so a repeated page counts once) and the rules in force. */
export interface ImportRun {
  appid: string;
  runId: string;
  rules: MiniShopSyncRules;
  /** The "Mini-Shop migration" group new products join, when the rules use it. */
  groupId: string | null;
  /** The Mini-Shop's names of a product's category levels, fetched once per parent per run. */
  categoryNames: CategoryNames;
  now: number;
}

const listedBy = (rules: MiniShopSyncRules, product: SourceProduct): boolean =>
  rules.productStatus === 'follow' ? product.status === 'on_sale' : rules.productStatus === 'list';

/** A Mini-Shop SKU's own name: its attribute values (the product's title goes before it, `skuTitle.ts`). */
const skuName = (sku: SourceSku): string => sku.attrs.map((a) => a.value).join(' / ');

/** A product not listed here is kept in the warehouse, as the Mini-Shop keeps a delisted one. */
const statusOf = (listed: boolean) => (listed ? 'listed' : 'warehouse');

const freightOf = ({ appid, rules }: ImportRun) =>
  rules.freight.kind === 'unified'
    ? { freight: rules.freight.amount, freightTemplateId: null }
    : { freight: null, freightTemplateId: localTemplateId(appid, rules.freight.templateId) };

/**
 * Brings a page of Mini-Shop products in as ordinary products and SKUs. A product seen for the
 * first time is created; one migrated before is left alone when the rules filter migrated
 * products, and overwritten with what the Mini-Shop now says (`overwrite`) when they do not. A product
 * this run already wrote (a page repeated after a crash) is counted and not touched again.
 * Answers the Mini-Shop ids of the products this run has written.
 */
export const importProducts = async (
  env: Env,
  db: Database,
  run: ImportRun,
  page: SourceProduct[],
): Promise<string[]> => {
  if (page.length === 0) return [];
  const known = await lastRunsOfSourceProducts(
    db,
    run.appid,
    page.map((p) => p.productId),
  );
  const written: string[] = [];
  for (const product of page) {
    const lastRun = known.get(product.productId);
    if (lastRun === run.runId) written.push(product.productId);
    else if (lastRun === undefined) {
      await createFromSource(env, db, run, product);
      written.push(product.productId);
    } else if (!run.rules.filterMigrated) {
      await overwrite(env, db, run, product);
      written.push(product.productId);
    }
  }
  return written;
};

const createFromSource = async (env: Env, db: Database, run: ImportRun, product: SourceProduct) => {
  const productId = localProductId(run.appid, product.productId);
  const listed = listedBy(run.rules, product);
  const origin = insertProductOrigin(db, {
    productId,
    appid: run.appid,
    sourceProductId: product.productId,
    ...freightOf(run),
    lastRun: run.runId,
    syncedAt: run.now,
  });
  const grouped = run.groupId ? [insertGroupItem(db, run.groupId, productId)] : [];
  const { skus, ...content } = await migratedContent(env, db, productId, product, run);
  await createProduct(
    env,
    {
      title: product.title.slice(0, 200),
      ...content,
      // The status alone keeps a delisted product's SKUs off sale, so listing it here later puts them on sale.
      status: statusOf(listed),
      skus: product.skus.map((sku, i) => ({
        title: skuName(sku) || undefined,
        price: sku.price,
        stock: sku.stock,
        ...skus[i],
      })),
    },
    {
      source: 'minishop',
      productId,
      skuIds: product.skus.map((sku) => localSkuId(run.appid, sku.skuId)),
      alongside: [origin, ...grouped],
    },
  );
};

/**
 * Filter off: the Mini-Shop's version replaces ours, content and SKUs alike: title, subtitle,
 * description, pictures, categories, attributes, options, and each SKU's name, option values,
 * picture, price, stock and listing. What shoppers see live (title, price, stock, listing) goes
 * through each SKU's room, so every channel shows it.
 */
const overwrite = async (env: Env, db: Database, run: ImportRun, product: SourceProduct) => {
  const productId = localProductId(run.appid, product.productId);
  const listed = listedBy(run.rules, product);
  const title = product.title.slice(0, 200);
  const { skus, options, subtitle, ...content } = await migratedContent(env, db, productId, product, run);
  await editProduct(env, productId, { ...content, subtitle: subtitle ?? '', status: statusOf(listed) });
  const existing = await skuIdsOfProduct(db, productId);
  const added: NewSkuRow[] = [];
  const kept: Array<{ skuId: string; sku: SourceSku; name: string }> = [];
  const respecified: Array<ReturnType<typeof updateSkuSpec>> = [];
  // A SKU new to a product already here shows the product's sales figure, like its siblings.
  const { shownSales } = await productSales(db, productId);
  for (const [i, sku] of product.skus.entries()) {
    const skuId = localSkuId(run.appid, sku.skuId);
    const name = skuName(sku);
    const spec = { name, options: skus[i]?.options ?? [], imageId: skus[i]?.imageId ?? null };
    if (existing.has(skuId)) {
      kept.push({ skuId, sku, name });
      respecified.push(updateSkuSpec(db, skuId, spec));
      continue;
    }
    added.push({
      ...spec,
      ownListed: true,
      state: {
        skuId,
        productId,
        title: skuTitleOf(title, name),
        price: sku.price,
        stock: sku.stock,
        listed,
        flash: null,
        sales: shownSales,
        rev: 1,
        changedAt: run.now,
      },
    });
  }
  await insertSkus(db, added, [
    updateProductTitle(db, productId, title, run.now),
    updateProductOptions(db, productId, options),
    ...respecified,
    updateProductOrigin(db, productId, { ...freightOf(run), lastRun: run.runId, syncedAt: run.now }),
  ]);
  for (const { skuId, sku, name } of kept) {
    const room = skuRoomOf(env, skuId);
    await room.retitle(skuTitleOf(title, name));
    await room.edit({ price: sku.price, stock: sku.stock, listed });
  }
  if (added.length > 0) {
    await catalogRoomOf(env).upsert(added.map(({ state }) => state));
  }
  // The title is written after editProduct's own notice, so the listing feeds are told again.
  await catalogRoomOf(env).productsChanged([productId]);
};
