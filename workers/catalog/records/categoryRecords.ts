import { asc, eq, inArray, sql } from 'drizzle-orm';
import { categories, productCategories } from '../../../schema';
import type { CategoryPatch } from '../../../shared/api/categories';
import type { Database } from '../../records/db';

export type CategoryRow = typeof categories.$inferSelect;

export const insertCategory = async (db: Database, row: CategoryRow): Promise<void> => {
  await db.insert(categories).values(row);
};

export const findCategory = async (db: Database, categoryId: string): Promise<CategoryRow | null> =>
  (await db.query.categories.findFirst({ where: eq(categories.id, categoryId) })) ?? null;

/** Every category, siblings in their order: the tree is small enough to read whole. */
export const allCategories = async (db: Database): Promise<CategoryRow[]> =>
  db.select().from(categories).orderBy(asc(categories.sort), asc(categories.createdAt));

export const updateCategory = async (db: Database, categoryId: string, patch: CategoryPatch, now: number) => {
  await db
    .update(categories)
    .set({ ...patch, updatedAt: now })
    .where(eq(categories.id, categoryId));
};

/** What keeps a category from being deleted: how many categories are under it and products in it. */
export const categoryUse = async (
  db: Database,
  categoryId: string,
): Promise<{ children: number; products: number }> => {
  const [children, inProducts] = await Promise.all([
    db.select({ n: sql<number>`count(*)` }).from(categories).where(eq(categories.parentId, categoryId)).get(),
    db
      .select({ n: sql<number>`count(*)` })
      .from(productCategories)
      .where(eq(productCategories.categoryId, categoryId))
      .get(),
  ]);
  return { children: children?.n ?? 0, products: inProducts?.n ?? 0 };
};

export const deleteCategory = async (db: Database, categoryId: string): Promise<void> => {
  await db.delete(categories).where(eq(categories.id, categoryId));
};

/** Which of `categoryIds` exist (at most 100: D1's bound-parameter limit). */
export const existingCategoryIds = async (db: Database, categoryIds: string[]): Promise<Set<string>> => {
  if (categoryIds.length === 0) return new Set();
  const rows = await db.select({ id: categories.id }).from(categories).where(inArray(categories.id, categoryIds));
  return new Set(rows.map((r) => r.id));
};
