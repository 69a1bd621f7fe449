import { describe, expect, it } from 'vitest';
import { admin } from '../support/hub';
import { newCategory, productPriced, shopperGet } from '../support/products';

interface Node {
  id: string;
  name: string;
  parentId: string | null;
  sort: number;
  children: Node[];
}

const findNode = (nodes: Node[], id: string): Node | undefined => {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inside = findNode(node.children, id);
    if (inside) return inside;
  }
  return undefined;
};

describe('the category tree', () => {
  it('goes three levels deep, each level in its sort order, for storefronts too', async () => {
    const women = await newCategory('女装');
    const tops = await newCategory('上衣', women.id);
    const second = await admin('POST', '/api/admin/categories', { name: '衬衫', parentId: tops.id, sort: 2 });
    const first = await admin('POST', '/api/admin/categories', { name: 'T恤', parentId: tops.id, sort: 1 });
    expect([second.status, first.status]).toEqual([201, 201]);
    const [shirts, tees] = [await second.json<{ id: string }>(), await first.json<{ id: string }>()];

    const response = await shopperGet('/api/categories');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const { categories } = await response.json<{ categories: Node[] }>();
    expect(findNode(categories, women.id)).toEqual({
      id: women.id,
      name: '女装',
      parentId: null,
      sort: 0,
      children: [
        {
          id: tops.id,
          name: '上衣',
          parentId: women.id,
          sort: 0,
          children: [
            { id: tees.id, name: 'T恤', parentId: tops.id, sort: 1, children: [] },
            { id: shirts.id, name: '衬衫', parentId: tops.id, sort: 2, children: [] },
          ],
        },
      ],
    });
  });

  it('answers 304 to a storefront that has the tree already', async () => {
    await newCategory('家居');
    const first = await shopperGet('/api/categories');
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await shopperGet('/api/categories', { 'If-None-Match': etag })).status).toBe(304);
    await newCategory('厨房');
    expect((await shopperGet('/api/categories', { 'If-None-Match': etag })).status).toBe(200);
  });

  it('renames and moves a category', async () => {
    const [a, b] = [await newCategory('A'), await newCategory('B')];
    const moved = await admin('PATCH', `/api/admin/categories/${b.id}`, { name: 'B under A', parentId: a.id });
    expect(moved.status).toBe(200);
    const { categories } = await (await admin('GET', '/api/admin/categories')).json<{ categories: Node[] }>();
    expect(findNode(categories, a.id)?.children).toMatchObject([{ id: b.id, name: 'B under A' }]);
  });

  it('refuses to move a category under its own subcategory', async () => {
    const top = await newCategory('Top');
    const child = await newCategory('Child', top.id);
    const response = await admin('PATCH', `/api/admin/categories/${top.id}`, { parentId: child.id });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'category_cycle', field: 'parentId' } });
  });

  it('deletes an unused category', async () => {
    const spare = await newCategory('Spare');
    expect((await admin('DELETE', `/api/admin/categories/${spare.id}`)).status).toBe(204);
    const { categories } = await (await admin('GET', '/api/admin/categories')).json<{ categories: Node[] }>();
    expect(findNode(categories, spare.id)).toBeUndefined();
  });

  it('refuses to delete a category with subcategories or products in it (409), and keeps it', async () => {
    const parent = await newCategory('Parent');
    await newCategory('Kid', parent.id);
    const stocked = await newCategory('Stocked');
    await productPriced('In a category', [100], { categoryIds: [stocked.id] });
    for (const id of [parent.id, stocked.id]) {
      const response = await admin('DELETE', `/api/admin/categories/${id}`);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: 'category_in_use' } });
    }
    const { categories } = await (await admin('GET', '/api/admin/categories')).json<{ categories: Node[] }>();
    expect(findNode(categories, parent.id)).toBeDefined();
    expect(findNode(categories, stocked.id)).toBeDefined();
  });

  it('answers 404 for an unknown category or parent, and 400 naming a bad field', async () => {
    expect((await admin('DELETE', '/api/admin/categories/cat_nope')).status).toBe(404);
    expect((await admin('PATCH', '/api/admin/categories/cat_nope', { name: 'x' })).status).toBe(404);
    const orphan = await admin('POST', '/api/admin/categories', { name: 'Orphan', parentId: 'cat_nope' });
    expect(orphan.status).toBe(404);
    expect(await orphan.json()).toMatchObject({ error: { field: 'parentId' } });
    const nameless = await admin('POST', '/api/admin/categories', { name: '' });
    expect(nameless.status).toBe(400);
    expect(await nameless.json()).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
    const unknownField = await admin('POST', '/api/admin/categories', { name: 'x', colour: 'red' });
    expect(await unknownField.json()).toMatchObject({ error: { field: 'colour' } });
  });
});
