import { inArray } from 'drizzle-orm';
import { categories, miniShopCategories } from '../../../schema';
import type { Database } from '../../records/db';

/** The categories here that the given Mini-Shop categories became, by Mini-Shop id. */
export const categoriesOfSource = async (db: Database, sourceCategoryIds: string[]): Promise<Map<string, string>> => {
  if (sourceCategoryIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(miniShopCategories)
    .where(inArray(miniShopCategories.sourceCategoryId, sourceCategoryIds));
  return new Map(rows.map((r) => [r.sourceCategoryId, r.categoryId]));
};

/** A category made from a Mini-Shop category, written with the record of where it came from. */
export const insertSourceCategory = async (
  db: Database,
  sourceCategoryId: string,
  row: typeof categories.$inferSelect,
): Promise<void> => {
  await db.batch([
    db.insert(categories).values(row),
    db.insert(miniShopCategories).values({ sourceCategoryId, categoryId: row.id }),
  ]);
};
