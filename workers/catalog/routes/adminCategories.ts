import { Hono } from 'hono';
import { categoryIdParam, categoryPatchSchema, newCategorySchema } from '../../../shared/api/categories';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { categoryTree, createCategory, editCategory, removeCategory } from '../categoryTree';
import { docs } from './adminCategories.docs';

const categoryParam = validate('param', categoryIdParam);

/** The category tree, as operators build it. */
export const adminCategoryRoutes = new Hono<HubEnv>()
  .post('/', docs.create, validate('json', newCategorySchema), async (c) =>
    c.json(await createCategory(c.env, c.req.valid('json')), 201),
  )
  .get('/', docs.tree, async (c) => c.json({ categories: await categoryTree(c.env) }))
  .patch('/:categoryId', docs.edit, categoryParam, validate('json', categoryPatchSchema), async (c) =>
    c.json(await editCategory(c.env, c.req.valid('param').categoryId, c.req.valid('json'))),
  )
  .delete('/:categoryId', docs.remove, categoryParam, async (c) => {
    await removeCategory(c.env, c.req.valid('param').categoryId);
    return c.body(null, 204);
  });
