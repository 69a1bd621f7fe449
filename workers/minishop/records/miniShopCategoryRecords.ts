import { and, eq, inArray } from 'drizzle-orm';
import { categories, miniShopCategories } from '../../../schema';
import type { Database } from '../../records/db';

/** A category here made from a Mini-Shop category: its id, its name now, and the name a migration gave it. */
export interface SourceCategoryRecord {
  categoryId: string;
  name: string;
  givenName: string | null;
}

/** The categories here that the given Mini-Shop categories became, by Mini-Shop id. */
export const categoriesOfSource = async (
  db: Database,
  sourceCategoryIds: string[],
): Promise<Map<string, SourceCategoryRecord>> => {
  if (sourceCategoryIds.length === 0) return new Map();
  const rows = await db
    .select({
      sourceCategoryId: miniShopCategories.sourceCategoryId,
      categoryId: miniShopCategories.categoryId,
      givenName: miniShopCategories.givenName,
      name: categories.name,
    })
    .from(miniShopCategories)
    .innerJoin(categories, eq(categories.id, miniShopCategories.categoryId))
    .where(inArray(miniShopCategories.sourceCategoryId, sourceCategoryIds));
  return new Map(rows.map(({ sourceCategoryId, ...record }) => [sourceCategoryId, record]));
};

/** A category made from a Mini-Shop category, written with the record of where it came from and its name. */
export const insertSourceCategory = async (
  db: Database,
  sourceCategoryId: string,
  row: typeof categories.$inferSelect,
): Promise<void> => {
  await db.batch([
    db.insert(categories).values(row),
    db.insert(miniShopCategories).values({ sourceCategoryId, categoryId: row.id, givenName: row.name }),
  ]);
};

/**
 * Gives a category the Mini-Shop's new name, only while it still has the name a migration gave
 * it: an operator's rename, even one made meanwhile, is kept.
 */
export const renameSourceCategory = async (
  db: Database,
  sourceCategoryId: string,
  { categoryId, givenName }: SourceCategoryRecord,
  name: string,
  now: number,
): Promise<void> => {
  if (givenName === null) return;
  const renamed = await db
    .update(categories)
    .set({ name, updatedAt: now })
    .where(and(eq(categories.id, categoryId), eq(categories.name, givenName)))
    .returning({ id: categories.id });
  if (renamed.length > 0) {
    await db
      .update(miniShopCategories)
      .set({ givenName: name })
      .where(eq(miniShopCategories.sourceCategoryId, sourceCategoryId));
  }
};
