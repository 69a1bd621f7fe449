import type { Database } from '../../records/db';
import { newId } from '../../records/ids';
import type { SourceCategory } from '../api/schemas/model';
import { categoriesOfSource, insertSourceCategory, renameSourceCategory } from '../records/miniShopCategoryRecords';
import type { CategoryNames } from './categoryNames';

/** What a category is called when the Mini-Shop does not name it. */
const placeholderName = (sourceCategoryId: string) => `Mini-Shop ${sourceCategoryId}`;

/**
 * The category here for a product's Mini-Shop category levels (top first): each level becomes a
 * category under the one above it, the first time it is seen, named as the Mini-Shop's category
 * API names it; later it is found by its Mini-Shop id, and takes the Mini-Shop's new name unless
 * an operator renamed it here. Answers the bottom level's category, or null when the product
 * names none.
 */
export const categoryOfSource = async (
  db: Database,
  levels: SourceCategory[],
  namesOf: CategoryNames,
  now: number,
): Promise<string | null> => {
  const ids = levels.map((l) => l.categoryId);
  const [known, names] = await Promise.all([categoriesOfSource(db, ids), namesOf(levels)]);
  let parentId: string | null = null;
  for (const { categoryId: sourceId } of levels) {
    const existing = known.get(sourceId);
    const name = names.get(sourceId);
    const categoryId = existing?.categoryId ?? newId('cat');
    if (existing === undefined) {
      await insertSourceCategory(db, sourceId, {
        id: categoryId,
        parentId,
        name: name ?? placeholderName(sourceId),
        sort: 0,
        createdAt: now,
        updatedAt: now,
      });
    } else if (name !== undefined && name !== existing.name) {
      await renameSourceCategory(db, sourceId, existing, name, now);
    }
    parentId = categoryId;
  }
  return parentId;
};
