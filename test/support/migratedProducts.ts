import { env } from 'cloudflare:test';
import { count } from 'drizzle-orm';
import { categories, images } from '../../schema';
import type { CategoryNode } from '../../shared/api/categories';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { PLATFORM_CATEGORIES } from '../../workers/emulator/seed/platformCategories';
import { database } from '../../workers/records/db';
import { emulator } from './emulator';
import { adminRead } from './hub';
import { shopperGet } from './products';

export const migratedProduct = (appid: string, sourceProductId: string) =>
  adminRead<OperatorProduct>(`/api/admin/products/prd_${appid}_${sourceProductId}`);

const bytesOf = async (response: Response): Promise<number[]> => {
  if (response.status !== 200) throw new Error(`${response.url}: HTTP ${response.status}`);
  return [...new Uint8Array(await response.arrayBuffer())];
};

/** A picture's bytes as the Mini-Shop serves them. */
export const sourcePicture = async (url: string) => bytesOf(await emulator().fetch(url));

/** A picture's bytes as the mall serves them at `/media/:id` (an absolute URL or a path). */
export const servedPicture = async (url: string) => bytesOf(await shopperGet(new URL(url, 'http://hub').pathname));

/** The `/media/` paths a description's `<img>` elements point at, in order. */
export const descriptionPictures = (html: string): string[] =>
  [...html.matchAll(/<img src="(\/media\/[0-9a-f]{64})"/g)].map((m) => m[1] ?? '');

/** The names from the top category down to `categoryId`. */
export const categoryPath = async (categoryId: string): Promise<string[]> => {
  const { categories: tree } = await adminRead<{ categories: CategoryNode[] }>('/api/admin/categories');
  const find = (nodes: CategoryNode[], path: string[]): string[] | null => {
    for (const node of nodes) {
      const here = [...path, node.name];
      if (node.id === categoryId) return here;
      const below = find(node.children, here);
      if (below) return below;
    }
    return null;
  };
  return find(tree, []) ?? [];
};

/** The platform's names of a product's category levels, top first, as the emulator's category API gives them. */
export const platformNames = (cats: Array<{ cat_id: string }>): string[] =>
  cats.map(
    (cat) => PLATFORM_CATEGORIES.find((c) => c.cat_id === cat.cat_id)?.name ?? `no platform category ${cat.cat_id}`,
  );

/** How many pictures the mall holds (recorded in D1 and objects in the bucket) and how many categories. */
export const storedCatalogContent = async () => {
  const db = database(env.DB);
  const [pictures] = await db.select({ n: count() }).from(images);
  const [categoryRows] = await db.select({ n: count() }).from(categories);
  const objects = await env.MEDIA.list({ prefix: 'images/' });
  return { pictures: pictures?.n ?? 0, objects: objects.objects.length, categories: categoryRows?.n ?? 0 };
};
