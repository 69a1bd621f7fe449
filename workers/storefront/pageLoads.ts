import { categoryTrail } from '../../shared/categoryTrail';
import type { PageData } from '../../web/storefront/pageData';
import { categoryTree } from '../catalog/categoryTree';
import { shopperListing, shopperProduct } from '../catalog/shopperReads';
import type { Env } from '../env';

/** How many products a listing page shows first; the feed keeps exactly these live. */
export const LISTING_SIZE = 24;

/**
 * What each catalog page is rendered with, read on the server with the storefront API's own reads
 * (`catalog/shopperReads.ts`), so the page and the API never disagree. Null: no such page.
 */
export const pageLoads = {
  home: async (env: Env, origin: string): Promise<PageData> => {
    const [categories, listing] = await Promise.all([
      categoryTree(env),
      shopperListing(env, origin, { sort: 'weight', limit: LISTING_SIZE }),
    ]);
    return { page: 'home', categories, listing };
  },
  category: async (env: Env, origin: string, categoryId: string | null): Promise<PageData | null> => {
    const categories = await categoryTree(env);
    const category = categoryId ? (categoryTrail(categories, categoryId).at(-1) ?? null) : (categories[0] ?? null);
    if (!category) return null;
    const listing = await shopperListing(env, origin, { categoryId: category.id, limit: LISTING_SIZE });
    return { page: 'category', categories, category, listing };
  },
  search: async (env: Env, origin: string, q: string): Promise<PageData> => {
    const [categories, listing] = await Promise.all([
      categoryTree(env),
      shopperListing(env, origin, q ? { q, limit: LISTING_SIZE } : { limit: LISTING_SIZE }),
    ]);
    return { page: 'search', categories, q, listing };
  },
  product: async (env: Env, origin: string, productId: string): Promise<PageData | null> => {
    const [categories, product] = await Promise.all([categoryTree(env), shopperProduct(env, origin, productId)]);
    return product ? { page: 'product', categories, product } : null;
  },
};
