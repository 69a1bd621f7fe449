import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CATALOG_MAP, type CatalogEntry, SKU_MAP } from '../../shared/docs/sku';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { moveClock } from '../support/clock';
import { ADMIN, admin } from '../support/hub';
import { newCategory, newProduct, productPriced, uploadImage } from '../support/products';
import { RoomClient } from '../support/roomClient';

const OPTIONS = [
  { name: 'Colour', values: ['White', 'Black'] },
  { name: 'Size', values: ['S', 'M'] },
];

const shirtBody = async () => {
  const [front, back, black] = [await uploadImage('front'), await uploadImage('back'), await uploadImage('black')];
  const category = await newCategory('衬衫');
  return {
    images: { front, back, black },
    category,
    body: {
      title: '男士纯棉衬衫',
      subtitle: 'Easy iron',
      description: '<p>100% cotton<script>alert(1)</script></p>',
      images: [front.imageId, back.imageId],
      categoryIds: [category.id],
      options: OPTIONS,
      status: 'listed',
      sortWeight: 5,
      skus: [
        { options: ['White', 'S'], price: 9900, stock: 10 },
        { options: ['Black', 'M'], price: 10900, stock: 3, imageId: black.imageId },
      ],
    },
  };
};

/** A change to one SKU line of a product body. */
const skuChange = (index: number, patch: Record<string, unknown>) => (body: Body) => {
  Object.assign(body.skus[index] ?? {}, patch);
};

type Body = { skus: Array<{ options?: string[]; imageId?: string }> } & Record<string, unknown>;
type ListAnswer = { products: Array<{ productId: string }>; nextCursor: string | null };

const getProduct = async (productId: string): Promise<OperatorProduct> =>
  (await admin('GET', `/api/admin/products/${productId}`)).json();

describe('creating a product with its content', () => {
  it('keeps its content, options and SKUs, and names each SKU by its option values', async () => {
    const { body, images, category } = await shirtBody();
    const created = await newProduct(body);
    expect(created).toMatchObject({
      title: '男士纯棉衬衫',
      subtitle: 'Easy iron',
      description: '<p>100% cotton</p>',
      status: 'listed',
      sortWeight: 5,
      source: 'mall',
      images: [
        { imageId: images.front.imageId, url: images.front.url },
        { imageId: images.back.imageId, url: images.back.url },
      ],
      categoryIds: [category.id],
      options: OPTIONS,
      skus: [
        {
          title: '男士纯棉衬衫 White / S',
          name: 'White / S',
          options: ['White', 'S'],
          price: 9900,
          stock: 10,
          imageId: null,
        },
        {
          title: '男士纯棉衬衫 Black / M',
          options: ['Black', 'M'],
          price: 10900,
          imageId: images.black.imageId,
          rev: 1,
        },
      ],
    });
    expect(await getProduct(created.productId)).toEqual(created);
  });

  it.each([
    ['a value that is not one of the option', skuChange(1, { options: ['Red', 'M'] }), 'skus.1.options.0'],
    ['too few values', skuChange(0, { options: ['White'] }), 'skus.0.options'],
    ['two SKUs with the same values', skuChange(1, { options: ['White', 'S'] }), 'skus.1.options'],
    ['a bad status', (b: Body) => Object.assign(b, { status: 'sold' }), 'status'],
    ['an unknown field', (b: Body) => Object.assign(b, { colour: 'red' }), 'colour'],
    ['a malformed image id', (b: Body) => Object.assign(b, { images: ['x.png'] }), 'images.0'],
  ])('refuses %s with 400 naming the field', async (_, change, field) => {
    const { body } = await shirtBody();
    change(body as Body);
    const response = await admin('POST', '/api/admin/products', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
  });

  it.each([
    ['an image never uploaded', (b: Body) => Object.assign(b, { images: ['0'.repeat(64)] }), 'images.0'],
    ['a SKU image never uploaded', skuChange(0, { imageId: '1'.repeat(64) }), 'skus.0.imageId'],
    ['an unknown category', (b: Body) => Object.assign(b, { categoryIds: ['cat_nope'] }), 'categoryIds.0'],
  ])('refuses %s with 404 naming the field, and creates nothing', async (_, change, field) => {
    const { body } = await shirtBody();
    const title = `Never made ${field}`;
    change(Object.assign(body, { title }) as Body);
    const response = await admin('POST', '/api/admin/products', body);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', field } });
    const found = await admin('GET', `/api/admin/products?q=${encodeURIComponent(title)}`);
    expect((await found.json<ListAnswer>()).products).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await SELF.fetch('http://hub/api/admin/products', {
      method: 'POST',
      headers: { ...ADMIN, 'Content-Type': 'text/plain' },
      body: 'title=x',
    });
    expect(response.status).toBe(415);
  });

  it('answers 404 for a product that does not exist', async () => {
    const response = await admin('GET', '/api/admin/products/prd_nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found', field: 'productId' } });
  });
});

describe('editing a product', () => {
  it('changes only the fields given, sanitizing a new description', async () => {
    const { body, images } = await shirtBody();
    const created = await newProduct(body);
    const response = await admin('PATCH', `/api/admin/products/${created.productId}`, {
      subtitle: 'Non-iron',
      description: '<p onclick="x()">Now <b>non-iron</b></p>',
      images: [images.back.imageId, images.front.imageId],
      status: 'warehouse',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ...created,
      subtitle: 'Non-iron',
      description: '<p>Now <b>non-iron</b></p>',
      images: [created.images[1], created.images[0]],
      status: 'warehouse',
      updatedAt: expect.any(Number),
      // In the warehouse, none of its SKUs is for sale.
      skus: created.skus.map((sku) => ({ ...sku, listed: false, rev: sku.rev + 1, changedAt: expect.any(Number) })),
    });
  });

  it('shows a renamed product on a storefront already connected to its SKU, live', async () => {
    const { body } = await shirtBody();
    const created = await newProduct(body);
    const sku = created.skus[0];
    if (!sku) throw new Error('no SKU');
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');
    const title = () => shopper.doc.getMap(SKU_MAP).get('title');
    expect(title()).toBe('男士纯棉衬衫 White / S');

    const response = await admin('PATCH', `/api/admin/products/${created.productId}`, { title: '男士免烫衬衫' });
    expect(response.status).toBe(200);
    await shopper.until(() => title() === '男士免烫衬衫 White / S', 'the new title');
    expect((await getProduct(created.productId)).skus.map((s) => s.title)).toEqual([
      '男士免烫衬衫 White / S',
      '男士免烫衬衫 Black / M',
    ]);
    shopper.close();
  });

  it('refuses an empty edit and an unknown product', async () => {
    const created = await productPriced('Plain', [100]);
    const empty = await admin('PATCH', `/api/admin/products/${created.productId}`, {});
    expect(empty.status).toBe(400);
    expect((await admin('PATCH', '/api/admin/products/prd_nope', { title: 'x' })).status).toBe(404);
  });
});

describe("a product's SKUs", () => {
  it('adds a SKU with values of the options, announced on the catalog feed', async () => {
    const { body } = await shirtBody();
    const created = await newProduct(body);
    const listing = await RoomClient.connect('catalog', 'h5');
    const response = await admin('POST', `/api/admin/products/${created.productId}/skus`, {
      options: ['White', 'M'],
      price: 9900,
      stock: 4,
    });
    expect(response.status).toBe(201);
    const added = await response.json<{ skuId: string; title: string }>();
    expect(added).toMatchObject({ title: '男士纯棉衬衫 White / M', options: ['White', 'M'], listed: true });
    const entries = () => listing.doc.getMap<CatalogEntry>(CATALOG_MAP);
    await listing.until(() => entries().get(added.skuId)?.stock === 4, 'the new SKU on the feed');
    expect((await getProduct(created.productId)).skus).toHaveLength(3);
    listing.close();
  });

  it('refuses a SKU whose values another SKU has (409) or that are not the options (400)', async () => {
    const { body } = await shirtBody();
    const created = await newProduct(body);
    const path = `/api/admin/products/${created.productId}/skus`;
    const twin = await admin('POST', path, { options: ['White', 'S'], price: 1, stock: 1 });
    expect(twin.status).toBe(409);
    const wrong = await admin('POST', path, { options: ['White', 'XL'], price: 1, stock: 1 });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { field: 'options.1' } });
    expect((await getProduct(created.productId)).skus).toHaveLength(2);
  });

  it('renames and delists a SKU through its room, live on a connected storefront', async () => {
    const created = await productPriced('Mug', [500, 600]);
    const sku = created.skus[0];
    if (!sku) throw new Error('no SKU');
    const shopper = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    const state = () => shopper.doc.getMap(SKU_MAP).toJSON();
    const response = await admin('PATCH', `/api/admin/products/${created.productId}/skus/${sku.skuId}`, {
      title: 'Blue',
      listed: false,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'Blue', title: 'Mug Blue', listed: false });
    await shopper.until(() => state().title === 'Mug Blue' && state().listed === false, 'the rename and delisting');
    shopper.close();
  });

  it('removes a SKU: delisted in its room and gone from the product; the last one stays (409)', async () => {
    const created = await productPriced('Bowl', [300, 400]);
    const [first, second] = created.skus;
    if (!first || !second) throw new Error('no SKUs');
    const shopper = await RoomClient.connect(`sku:${first.skuId}`, 'pc');
    const removed = await admin('DELETE', `/api/admin/products/${created.productId}/skus/${first.skuId}`);
    expect(removed.status).toBe(200);
    expect((await removed.json<OperatorProduct>()).skus.map((s) => s.skuId)).toEqual([second.skuId]);
    await shopper.until(() => shopper.doc.getMap(SKU_MAP).get('listed') === false, 'the SKU delisted');
    const again = await admin('DELETE', `/api/admin/products/${created.productId}/skus/${first.skuId}`);
    expect(again.status).toBe(404);
    const last = await admin('DELETE', `/api/admin/products/${created.productId}/skus/${second.skuId}`);
    expect(last.status).toBe(409);
    expect(await last.json()).toMatchObject({ error: { code: 'last_sku' } });
    shopper.close();
  });

  it("answers 404 for another product's SKU", async () => {
    const [a, b] = [await productPriced('A', [1]), await productPriced('B', [1])];
    const response = await admin('PATCH', `/api/admin/products/${a.productId}/skus/${b.skus[0]?.skuId}`, {
      title: 'x',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { field: 'skuId' } });
  });
});

describe('finding products in the back office', () => {
  it('searches by title, category, status and source, newest first, every product of every status', async () => {
    const category = await newCategory('Finder');
    const draft = await productPriced('Finder draft 草稿', [100], { status: 'draft', categoryIds: [category.id] });
    moveClock(1000);
    const listed = await productPriced('Finder listed', [100], { categoryIds: [category.id] });
    moveClock(1000);
    const stored = await productPriced('Finder stored', [100], { status: 'warehouse' });
    const ids = async (query: string) =>
      (await (await admin('GET', `/api/admin/products?${query}`)).json<ListAnswer>()).products.map((p) => p.productId);

    expect(await ids('q=finder')).toEqual([stored.productId, listed.productId, draft.productId]);
    expect(await ids('q=草稿')).toEqual([draft.productId]);
    expect(await ids(`categoryId=${category.id}`)).toEqual([listed.productId, draft.productId]);
    expect(await ids('q=finder&status=warehouse')).toEqual([stored.productId]);
    expect(await ids('q=finder&source=minishop')).toEqual([]);
    const bad = await admin('GET', '/api/admin/products?status=sold');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'status' } });
  });

  it('pages through the list with a cursor', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await productPriced(`Pager ${i}`, [100])).productId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `q=pager&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: ListAnswer = await (await admin('GET', `/api/admin/products?${query}`)).json();
      seen.push(...page.products.map((p) => p.productId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.sort()).toEqual([...made].sort());
  });
});
