import type { Database } from '../../records/db';
import { newId } from '../../records/ids';
import type { SourceCategory } from '../api/schemas/model';
import { categoriesOfSource, insertSourceCategory } from '../records/miniShopCategoryRecords';

/**
 * The category here for a product's Mini-Shop category levels (top first): each level becomes a
 * category under the one above it, the first time it is seen; later it is found by its Mini-Shop
 * id. Answers the bottom level's category, or null when the product names none.
 */
export const categoryOfSource = async (db: Database, levels: SourceCategory[], now: number): Promise<string | null> => {
  const known = await categoriesOfSource(
    db,
    levels.map((l) => l.categoryId),
  );
  let parentId: string | null = null;
  for (const level of levels) {
    let categoryId = known.get(level.categoryId);
    if (categoryId === undefined) {
      categoryId = newId('cat');
      await insertSourceCategory(db, level.categoryId, {
        id: categoryId,
        parentId,
        name: level.name,
        sort: 0,
        createdAt: now,
        updatedAt: now,
      });
    }
    parentId = categoryId;
  }
  return parentId;
};
