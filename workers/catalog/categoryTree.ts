import type { CategoryNode, CategoryPatch, NewCategory } from '../../shared/api/categories';
import { ApiError, notFound } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { newId } from '../records/ids';
import {
  allCategories,
  type CategoryRow,
  categoryUse,
  deleteCategory,
  findCategory,
  insertCategory,
  updateCategory,
} from './records/categoryRecords';

/** How deep the tree may go: a shop needs three levels; five leaves room without making menus unusable. */
export const MAX_CATEGORY_DEPTH = 5;

/** The categories as a tree, each level in its `sort` order. */
export const treeOf = (rows: CategoryRow[]): CategoryNode[] => {
  const nodes = new Map<string, CategoryNode>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, sort: r.sort, children: [] }]),
  );
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id);
    if (!node) continue;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
};

export const categoryTree = async (env: Env): Promise<CategoryNode[]> => treeOf(await allCategories(database(env.DB)));

/** The levels from the root down to `categoryId` itself (1 for a top-level category). */
const levelOf = (byId: Map<string, CategoryRow>, categoryId: string): number => {
  let level = 0;
  for (let at = byId.get(categoryId); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) level++;
  return level;
};

/** How many levels a category's subtree spans (1 for a leaf). */
const heightOf = (rows: CategoryRow[], categoryId: string): number => {
  const children = rows.filter((r) => r.parentId === categoryId);
  return 1 + Math.max(0, ...children.map((c) => heightOf(rows, c.id)));
};

const parentOrNotFound = (byId: Map<string, CategoryRow>, parentId: string): CategoryRow => {
  const parent = byId.get(parentId);
  if (!parent) throw notFound('parent category', 'parentId');
  return parent;
};

const tooDeep = () =>
  new ApiError(400, 'invalid_input', `parentId: categories go at most ${MAX_CATEGORY_DEPTH} levels deep`, 'parentId');

export const createCategory = async (env: Env, input: NewCategory): Promise<CategoryRow> => {
  const db = database(env.DB);
  const rows = await allCategories(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    parentOrNotFound(byId, parentId);
    if (levelOf(byId, parentId) >= MAX_CATEGORY_DEPTH) throw tooDeep();
  }
  const now = clock.now();
  const row = { id: newId('cat'), parentId, name: input.name, sort: input.sort ?? 0, createdAt: now, updatedAt: now };
  await insertCategory(db, row);
  return row;
};

/** Renames, reorders or moves a category; a move under itself or its own subtree is refused (409). */
export const editCategory = async (env: Env, categoryId: string, patch: CategoryPatch): Promise<CategoryRow> => {
  const db = database(env.DB);
  const rows = await allCategories(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const current = byId.get(categoryId);
  if (!current) throw notFound('category', 'categoryId');
  if (patch.parentId !== undefined && patch.parentId !== null) {
    parentOrNotFound(byId, patch.parentId);
    for (let at = byId.get(patch.parentId); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      if (at.id === categoryId) {
        throw new ApiError(
          409,
          'category_cycle',
          'a category cannot move under itself or its own subcategory',
          'parentId',
        );
      }
    }
    if (levelOf(byId, patch.parentId) + heightOf(rows, categoryId) > MAX_CATEGORY_DEPTH) throw tooDeep();
  }
  const now = clock.now();
  await updateCategory(db, categoryId, patch, now);
  return { ...current, ...patch, updatedAt: now };
};

/** Deletes an unused category; one with subcategories or products is refused (409). */
export const removeCategory = async (env: Env, categoryId: string): Promise<void> => {
  const db = database(env.DB);
  if (!(await findCategory(db, categoryId))) throw notFound('category', 'categoryId');
  const use = await categoryUse(db, categoryId);
  if (use.children > 0 || use.products > 0) {
    throw new ApiError(
      409,
      'category_in_use',
      `the category has ${use.children} subcategories and ${use.products} products; move them first`,
    );
  }
  await deleteCategory(db, categoryId);
};
