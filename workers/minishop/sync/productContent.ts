import type { SpecOption } from '../../../shared/api/productModel';
import { mediaPath } from '../../../shared/media';
import type { Env } from '../../env';
import type { Database } from '../../records/db';
import type { SourceProduct } from '../api/schemas/model';
import { categoryOfSource } from './copyCategories';
import { copyImages } from './copyImages';
import { specOptionsOf } from './specOptions';

/** What a Mini-Shop product brings besides its title, price and stock, in the mall's terms. */
export interface MigratedContent {
  subtitle?: string;
  description: string;
  images: string[];
  categoryIds: string[];
  options: SpecOption[];
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

const present = (ids: Array<string | undefined>): string[] => ids.filter((id) => id !== undefined);

/** Copies the product's pictures and categories over and maps the rest of its content. */
export const migratedContent = async (
  env: Env,
  db: Database,
  productId: string,
  product: SourceProduct,
  now: number,
): Promise<MigratedContent> => {
  const copied = await copyImages(
    env,
    db,
    `product:${productId}`,
    [...product.images, ...product.description.images, ...present(product.skus.map((s) => s.image))],
    now,
  );
  const imageOf = (url: string | undefined) => (url === undefined ? undefined : copied.get(url));
  const categoryId = await categoryOfSource(db, product.categories, now);
  const { options, skuOptions } = specOptionsOf(product.skus);
  return {
    ...(product.subTitle ? { subtitle: product.subTitle.slice(0, 200) } : {}),
    description: descriptionOf(product.description.text, present(product.description.images.map(imageOf))),
    images: [...new Set(present(product.images.map(imageOf)))].slice(0, 30),
    categoryIds: categoryId === null ? [] : [categoryId],
    options,
    skus: product.skus.map((sku, i) => {
      const imageId = imageOf(sku.image);
      return { options: skuOptions[i] ?? [], ...(imageId ? { imageId } : {}) };
    }),
  };
};
