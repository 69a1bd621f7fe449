import { describe, expect, it } from 'vitest';
import { generateShop, type ShopData, type SpuRecord } from '../../workers/emulator/seed/generateShop';
import { mediaUrlOf } from '../../workers/emulator/shop/mediaImages';
import { changeSourceProduct } from '../support/emulator';
import {
  categoryPath,
  descriptionPictures,
  migratedProduct,
  platformNames,
  servedPicture,
  sourcePicture,
  storedCatalogContent,
} from '../support/migratedProducts';
import { shopperGet } from '../support/products';
import { boundShop, migrate, setRules } from '../support/shopsync';

const synced = (seed: ShopData) => seed.spus.filter((s) => s.status === 5 || s.status === 11);

/** An on-sale product with at least two SKUs, and a product in another bottom-level category. */
const pickProducts = (seed: ShopData): { spu: SpuRecord; other: SpuRecord } => {
  const spu = synced(seed).find((s) => s.status === 5 && s.skus.length >= 2);
  const other = synced(seed).find((s) => s.cats.at(-1)?.cat_id !== spu?.cats.at(-1)?.cat_id);
  if (!spu || !other) throw new Error('the seed gives no product with two SKUs beside one in another category');
  return { spu, other };
};

/** What the merchant changes at the Mini-Shop: a new main picture, SKU picture, attributes, texts and category. */
const merchantEdit = (appid: string, seed: ShopData, spu: SpuRecord, other: SpuRecord) => {
  const [firstSku] = seed.skus.filter((s) => s.product_id === spu.product_id);
  const [, side] = spu.head_img;
  const banner = spu.desc_info?.imgs.at(-1);
  if (!firstSku || !side || !banner) throw new Error('the seed gives the product no side picture, banner or SKU');
  return {
    firstSku,
    side,
    banner,
    change: {
      title: '文具 新款',
      sub_title: '新副标题',
      head_img: [mediaUrlOf(appid, 'front-v2'), side],
      desc_info: { desc: '新描述', imgs: [banner] },
      cats: other.cats,
      attrs: [
        { attr_key: '品牌', attr_value: '得力' },
        { attr_key: '产地', attr_value: '宁波' },
      ],
      skus: [
        {
          sku_id: firstSku.sku_id,
          thumb_img: mediaUrlOf(appid, 'sku-v2'),
          sku_attrs: [{ attr_key: '规格', attr_value: '红色' }],
        },
      ],
    },
  };
};

describe('migrating a Mini-Shop again', () => {
  it('with the filter off, shows the product as the Mini-Shop now has it, storing only the new pictures', async () => {
    const shop = await boundShop({ products: 8, orders: 2, seed: 37 });
    const seed = generateShop(shop);
    const { spu, other } = pickProducts(seed);
    await migrate(shop.appid);
    const before = await storedCatalogContent();
    const { firstSku, side, banner, change } = merchantEdit(shop.appid, seed, spu, other);
    await changeSourceProduct(shop.appid, spu.product_id, change);

    expect((await setRules(shop.appid, { filterMigrated: false })).status).toBe(200);
    await migrate(shop.appid);

    const product = await migratedProduct(shop.appid, spu.product_id);
    const otherValues = seed.skus
      .filter((s) => s.product_id === spu.product_id && s.sku_id !== firstSku.sku_id)
      .map((s) => s.sku_attrs[0]?.attr_value);
    expect(product).toMatchObject({
      title: '文具 新款',
      subtitle: '新副标题',
      attributes: [
        { key: '品牌', value: '得力' },
        { key: '产地', value: '宁波' },
      ],
      options: [{ name: '规格', values: ['红色', ...otherValues] }],
    });
    // The new main picture first, the side picture kept; the description's text and its one picture.
    expect(await Promise.all(product.images.map((i) => servedPicture(i.url)))).toEqual([
      await sourcePicture(change.head_img[0] ?? ''),
      await sourcePicture(side),
    ]);
    expect(product.description).toContain('<p>新描述</p>');
    const inDescription = descriptionPictures(product.description);
    expect(await Promise.all(inDescription.map(servedPicture))).toEqual([await sourcePicture(banner)]);
    expect(product.categoryIds).toHaveLength(1);
    expect(await categoryPath(product.categoryIds[0] ?? '')).toEqual(platformNames(other.cats));
    // The SKU names its new value, shows its new picture, and every channel shows its new title.
    const sku = product.skus.find((s) => s.skuId === `sku_${shop.appid}_${firstSku.sku_id}`);
    expect(sku).toMatchObject({ options: ['红色'], name: '红色', title: '文具 新款 红色' });
    expect(await servedPicture(sku?.imageUrl ?? '')).toEqual(await sourcePicture(change.skus[0]?.thumb_img ?? ''));
    const shopper = (await (await shopperGet(`/api/products/prd_${shop.appid}_${spu.product_id}`)).json()) as {
      title: string;
      attributes: unknown;
      skus: Array<{ title: string }>;
    };
    expect(shopper).toMatchObject({ title: '文具 新款', attributes: product.attributes });
    expect(shopper.skus.map((s) => s.title)).toContain('文具 新款 红色');

    // Two pictures are new (the main one and the SKU's); the category was there already.
    expect(await storedCatalogContent()).toEqual({
      pictures: before.pictures + 2,
      objects: before.objects + 2,
      categories: before.categories,
    });
  }, 60_000);

  it('with the filter on, leaves a product the Mini-Shop changed as it was migrated', async () => {
    const shop = await boundShop({ products: 8, orders: 2, seed: 41 });
    const seed = generateShop(shop);
    const { spu, other } = pickProducts(seed);
    await migrate(shop.appid);
    const migrated = await migratedProduct(shop.appid, spu.product_id);
    const before = await storedCatalogContent();
    await changeSourceProduct(shop.appid, spu.product_id, merchantEdit(shop.appid, seed, spu, other).change);

    await migrate(shop.appid);

    expect(await migratedProduct(shop.appid, spu.product_id)).toEqual(migrated);
    expect(await storedCatalogContent()).toEqual(before);
  }, 60_000);
});
