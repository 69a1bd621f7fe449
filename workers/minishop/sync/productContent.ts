import type { ProductAttribute, SpecOption } from '../../../shared/api/productModel';
import { ATTRIBUTE_KEY_MAX, ATTRIBUTE_VALUE_MAX, MAX_ATTRIBUTES } from '../../../shared/api/products';
import { mediaPath } from '../../../shared/media';
import type { Env } from '../../env';
import type { Database } from '../../records/db';
import type { SourceProduct } from '../api/schemas/model';
import { categoryOfSource } from './copyCategories';
import { copyImages } from './copyImages';
import type { ImportRun } from './importProducts';
import { specOptionsOf } from './specOptions';

/** What a Mini-Shop product brings besides its title, price and stock, in the mall's terms. */
export interface MigratedContent {
  subtitle?: string;
  description: string;
  images: string[];
  categoryIds: string[];
  options: SpecOption[];
  attributes: ProductAttribute[];
  skus: Array<{ options: string[]; imageId?: string }>;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The description's text as a paragraph, then its pictures, each at its address here. */
const descriptionOf = (text: string, imageIds: string[]) =>
  [
    ...(text ? [`<p>${escapeHtml(text)}</p>`] : []),
    ...imageIds.map((id) => `<p><img src="${mediaPath(id)}"></p>`),
  ].join('');

/**
 * The product's attributes as the mall keeps them (`shared/api/products.ts`): trimmed, a value cut
 * to its limit as the title is; one with no key or value, or a key too long to be a key, is left out.
 */
const attributesOf = (attributes: SourceProduct['attributes']): ProductAttribute[] =>
  attributes
    .map((a) => ({ key: a.key.trim(), value: a.value.trim().slice(0, ATTRIBUTE_VALUE_MAX).trim() }))
    .filter((a) => a.key.length > 0 && a.key.length <= ATTRIBUTE_KEY_MAX && a.value.length > 0)
    .slice(0, MAX_ATTRIBUTES);

const present = (ids: Array<string | undefined>): string[] => ids.filter((id) => id !== undefined);

/** Copies the product's pictures and categories over and maps the rest of its content. */
export const migratedContent = async (
  env: Env,
  db: Database,
  productId: string,
  product: SourceProduct,
  { now, categoryNames }: Pick<ImportRun, 'now' | 'categoryNames'>,
): Promise<MigratedContent> => {
  const copied = await copyImages(
    env,
    db,
    `product:${productId}`,
    [...product.images, ...product.description.images, ...present(product.skus.map((s) => s.image))],
    now,
  );
  const imageOf = (url: string | undefined) => (url === undefined ? undefined : copied.get(url));
  const categoryId = await categoryOfSource(db, product.categories, categoryNames, now);
  const { options, skuOptions } = specOptionsOf(product.skus);
  return {
    ...(product.subTitle ? { subtitle: product.subTitle.slice(0, 200) } : {}),
    description: descriptionOf(product.description.text, present(product.description.images.map(imageOf))),
    images: [...new Set(present(product.images.map(imageOf)))].slice(0, 30),
    categoryIds: categoryId === null ? [] : [categoryId],
    options,
    attributes: attributesOf(product.attributes),
    skus: product.skus.map((sku, i) => {
      const imageId = imageOf(sku.image);
      return { options: skuOptions[i] ?? [], ...(imageId ? { imageId } : {}) };
    }),
  };
};
