import { z } from 'zod';
import { categoryId } from './products';

const name = z.string().trim().min(1).max(40);
const sort = z.number().int().min(-1_000_000).max(1_000_000);

export const newCategorySchema = z.strictObject({
  name,
  parentId: categoryId.nullable().optional(),
  sort: sort.optional(),
});

export const categoryPatchSchema = z
  .strictObject({ name: name.optional(), parentId: categoryId.nullable().optional(), sort: sort.optional() })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { message: 'give at least one field' });

export const categoryIdParam = z.object({ categoryId });

/** One category of the tree as storefronts and the back office read it. */
export interface CategoryNode {
  id: string;
  name: string;
  parentId: string | null;
  sort: number;
  children: CategoryNode[];
}

export type NewCategory = z.infer<typeof newCategorySchema>;
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;
