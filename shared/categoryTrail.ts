import type { CategoryNode } from './api/categories';

// Apart from the category schemas, so a page's script gets this without zod.
/** The path from a root of `nodes` down to category `id`, both ends included; empty when the tree does not hold it. */
export const categoryTrail = (nodes: CategoryNode[], id: string): CategoryNode[] => {
  for (const node of nodes) {
    if (node.id === id) return [node];
    const below = categoryTrail(node.children, id);
    if (below.length > 0) return [node, ...below];
  }
  return [];
};
