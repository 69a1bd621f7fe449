import { describe, expect, it } from 'vitest';
import { generateShop, type ShopData } from '../../workers/emulator/seed/generateShop';
import { injectFault } from '../support/emulator';
import { adminRead } from '../support/hub';
import {
  categoryPath,
  descriptionPictures,
  migratedProduct,
  platformNames,
  servedPicture,
  sourcePicture,
  storedCatalogContent,
} from '../support/migratedProducts';
import { storedCounts } from '../support/shopRecords';
import { boundShop, migrate, setRules } from '../support/shopsync';

const syncedSpus = (seed: ShopData) => seed.spus.filter((s) => s.status === 5 || s.status === 11);
const skusOf = (seed: ShopData, productId: string) => seed.skus.filter((s) => s.product_id === productId);

/** Every picture the synced products name, each once. */
const picturesOf = (seed: ShopData) =>
  new Set(
    syncedSpus(seed).flatMap((spu) => [
      ...spu.head_img,
      ...(spu.desc_info?.imgs ?? []),
      ...skusOf(seed, spu.product_id).flatMap((sku) => (sku.thumb_img ? [sku.thumb_img] : [])),
    ]),
  );

const spuOfStatus = (seed: ShopData, status: number) => {
  const spu = syncedSpus(seed).find((s) => s.status === status);
  if (!spu) throw new Error(`the seed has no product of status ${status}`);
  return spu;
};

describe('Mini-Shop migration keeps the product whole', () => {
  it('brings pictures, description, categories and options; migrating again adds no picture, category or product', async () => {
    const shop = await boundShop({ products: 14, orders: 3, seed: 23 });
    const seed = generateShop(shop);
    const before = await storedCatalogContent();
    await migrate(shop.appid);

    const spu = spuOfStatus(seed, 5);
    const product = await migratedProduct(shop.appid, spu.product_id);
    expect(product).toMatchObject({ subtitle: spu.sub_title, status: 'listed' });
    // The main pictures are the Mini-Shop's own bytes, served by the mall.
    expect(product.images).toHaveLength(spu.head_img.length);
    for (const [i, url] of spu.head_img.entries()) {
      expect(await servedPicture(product.images[i]?.url ?? '')).toEqual(await sourcePicture(url));
    }
    // The description keeps its text (escaped) and shows its pictures from the mall.
    expect(product.description).toContain(`<p>文具 ${seed.spus.indexOf(spu)} 号：书写顺滑 &amp; 耐用</p>`);
    const inDescription = descriptionPictures(product.description);
    expect(inDescription).toHaveLength(spu.desc_info?.imgs.length ?? -1);
    for (const [i, url] of (spu.desc_info?.imgs ?? []).entries()) {
      expect(await servedPicture(inDescription[i] ?? '')).toEqual(await sourcePicture(url));
    }
    // The Mini-Shop's three category levels are a branch of the tree here, named as the
    // platform's category API names them, the product at its leaf.
    expect(product.categoryIds).toHaveLength(1);
    expect(await categoryPath(product.categoryIds[0] ?? '')).toEqual(platformNames(spu.cats));
    // So are its attributes, in order.
    expect(spu.attrs.length).toBeGreaterThan(0);
    expect(product.attributes).toEqual(spu.attrs.map((a) => ({ key: a.attr_key, value: a.attr_value })));
    // SKU attributes are the product's options; each SKU names its value and shows its own picture.
    const skus = skusOf(seed, spu.product_id);
    expect(product.options).toEqual([{ name: '规格', values: skus.map((sku) => sku.sku_attrs[0]?.attr_value) }]);
    for (const sku of skus) {
      const migrated = product.skus.find((s) => s.skuId === `sku_${shop.appid}_${sku.sku_id}`);
      expect(migrated?.options).toEqual(sku.sku_attrs.map((a) => a.attr_value));
      expect(await servedPicture(migrated?.imageUrl ?? '')).toEqual(await sourcePicture(sku.thumb_img ?? ''));
    }
    // A product the merchant took off sale waits in the warehouse.
    expect(await migratedProduct(shop.appid, spuOfStatus(seed, 11).product_id)).toMatchObject({ status: 'warehouse' });

    // The banner every description shows is stored once; so is every other picture.
    const pictures = picturesOf(seed).size;
    const leaves = new Set(syncedSpus(seed).map((s) => s.cats.at(-1)?.cat_id)).size;
    const middles = new Set(syncedSpus(seed).map((s) => s.cats[1]?.cat_id)).size;
    const migrated = await storedCatalogContent();
    expect(migrated).toEqual({
      pictures: before.pictures + pictures,
      objects: before.objects + pictures,
      categories: before.categories + 1 + middles + leaves,
    });
    const counts = await storedCounts(shop.appid);

    // Migrating again, overwriting migrated products, copies every picture again and adds nothing.
    expect((await setRules(shop.appid, { filterMigrated: false })).status).toBe(200);
    const again = await migrate(shop.appid);
    expect(again.lastMigration).toMatchObject({ products: syncedSpus(seed).length });
    expect(await storedCatalogContent()).toEqual(migrated);
    expect(await storedCounts(shop.appid)).toEqual(counts);
    const { subtitle, description, images, categoryIds, options, attributes } = product;
    expect(await migratedProduct(shop.appid, spu.product_id)).toMatchObject({
      subtitle,
      description,
      images,
      categoryIds,
      options,
      attributes,
    });
  });

  it('keeps a product whose picture cannot be fetched, without that picture, and logs the failure', async () => {
    const shop = await boundShop({ products: 2, orders: 1, seed: 29 });
    const seed = generateShop(shop);
    const spu = spuOfStatus(seed, 5);
    const [front, side] = spu.head_img;
    if (!front || !side) throw new Error('the seed gives a product fewer than two pictures');
    await injectFault(shop.appid, { path: new URL(side).pathname, httpStatus: 503, count: 100 });
    await migrate(shop.appid);

    const product = await migratedProduct(shop.appid, spu.product_id);
    expect(product.images).toHaveLength(1);
    expect(await servedPicture(product.images[0]?.url ?? '')).toEqual(await sourcePicture(front));
    expect(descriptionPictures(product.description)).toHaveLength(spu.desc_info?.imgs.length ?? -1);

    const log = await adminRead<{ events: Array<{ kind: string; subject: string; detail: { url: string } }> }>(
      '/api/admin/monitor/log?limit=100',
    );
    const failures = log.events.filter((e) => e.kind === 'minishop.image_failed');
    expect(failures).toEqual([
      {
        ...failures[0],
        subject: `product:prd_${shop.appid}_${spu.product_id}`,
        detail: { ...failures[0]?.detail, reason: 'HTTP 503' },
      },
    ]);
    // The emulator names its pictures at its own address; the failed one is the side picture.
    expect(new URL(failures[0]?.detail.url ?? '').pathname).toBe(new URL(side).pathname);
  });
});
