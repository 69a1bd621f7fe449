import { Hono } from 'hono';
import { cachedJson, TREE_CACHE } from '../../edge/httpCache';
import type { HubEnv } from '../../edge/hubEnv';
import { categoryTree } from '../categoryTree';
import { docs } from './categories.docs';

/** The category tree storefronts build their menus from. */
export const categoryRoutes = new Hono<HubEnv>().get('/', docs.tree, async (c) =>
  cachedJson(c, { categories: await categoryTree(c.env) }, TREE_CACHE),
);
