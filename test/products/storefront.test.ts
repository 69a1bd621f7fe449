import { describe, expect, it } from 'vitest';
import { SKU_MAP } from '../../shared/docs/sku';
import { moveClock } from '../support/clock';
import { admin, patchSku } from '../support/hub';
import { freshPhone, phoneLogin } from '../support/members';
import { placeOrder } from '../support/orders';
import { paidOrder } from '../support/payments';
import {
  everyPage,
  type ListingPage,
  newCategory,
  newProduct,
  productPriced,
  shopperGet,
  uploadImage,
} from '../support/products';
import { RoomClient } from '../support/roomClient';

const listing = async (query: Record<string, string>): Promise<ListingPage> => {
  const response = await shopperGet(`/api/products?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.json();
};
const idsOf = (page: ListingPage) => page.products.map((p) => p.productId);

describe('searching the storefront', () => {
  it('finds Chinese titles by a word of three characters or of two', async () => {
    const dress = await productPriced('夏季碎花连衣裙', [19900]);
    const shirt = await productPriced('男士纯棉衬衫 商务款', [9900]);
    const shoes = await productPriced('儿童运动鞋', [15900]);

    const dresses = await listing({ q: '连衣裙' });
    expect(idsOf(dresses)).toContain(dress.productId);
    expect(dresses.products.every((p) => p.title.includes('连衣裙'))).toBe(true);

    const shirts = await listing({ q: '衬衫' });
    expect(idsOf(shirts)).toContain(shirt.productId);
    expect(idsOf(shirts)).not.toContain(dress.productId);
    expect(idsOf(shirts)).not.toContain(shoes.productId);
    expect(shirts.products.every((p) => p.title.includes('衬衫'))).toBe(true);
  });

  it('finds a title whatever the case or width of the letters typed', async () => {
    const tee = await productPriced('Basic T恤 Storefront', [5900]);
    for (const q of ['basic t恤', 'ＢＡＳＩＣ']) expect(idsOf(await listing({ q }))).toContain(tee.productId);
  });

  it('takes the wildcard characters of a search literally', async () => {
    const percent = await productPriced('100% wool scarf', [100]);
    const plain = await productPriced('1000 wool socks', [100]);
    const found = idsOf(await listing({ q: '100%' }));
    expect(found).toContain(percent.productId);
    expect(found).not.toContain(plain.productId);
  });
});

describe('browsing a category', () => {
  it('lists the products of a category and of every category under it', async () => {
    const clothes = await newCategory('服装');
    const tops = await newCategory('上衣', clothes.id);
    const shirts = await newCategory('衬衫', tops.id);
    const shoes = await newCategory('鞋');
    const shirt = await productPriced('Shirt in the leaf', [100], { categoryIds: [shirts.id] });
    const top = await productPriced('Top in the middle', [100], { categoryIds: [tops.id] });
    const boot = await productPriced('Boot elsewhere', [100], { categoryIds: [shoes.id] });

    expect(idsOf(await listing({ categoryId: clothes.id })).sort()).toEqual([shirt.productId, top.productId].sort());
    expect(idsOf(await listing({ categoryId: tops.id })).sort()).toEqual([shirt.productId, top.productId].sort());
    expect(idsOf(await listing({ categoryId: shirts.id }))).toEqual([shirt.productId]);
    expect(idsOf(await listing({ categoryId: shoes.id }))).toEqual([boot.productId]);
  });

  it('shows each product with its main image, price range, stock, flash and sales', async () => {
    const category = await newCategory('Line items');
    const [main, second] = [await uploadImage('main line'), await uploadImage('second line')];
    const product = await newProduct({
      title: 'Line item',
      images: [main.imageId, second.imageId],
      categoryIds: [category.id],
      skus: [
        { title: 'Small', price: 1500, stock: 2 },
        { title: 'Large', price: 2500, stock: 3 },
        { title: 'Huge', price: 9900, stock: 7, listed: false },
      ],
    });
    expect((await listing({ categoryId: category.id })).products).toEqual([
      {
        productId: product.productId,
        title: 'Line item',
        subtitle: '',
        imageUrl: main.url,
        price: { min: 1500, max: 2500 },
        stock: 5,
        flash: null,
        sales: 0,
      },
    ]);
  });
});

describe('sorting a listing', () => {
  const shelf = async () => {
    const category = await newCategory('Shelf');
    const made = [];
    for (const [title, price] of [
      ['Mid', 500],
      ['Cheap', 100],
      ['Dear', 900],
    ] as const) {
      made.push(await productPriced(title, [price, price + 50], { categoryIds: [category.id] }));
      moveClock(1000);
    }
    const [mid, cheap, dear] = made.map((p) => p.productId);
    return { categoryId: category.id, mid, cheap, dear, made };
  };

  it('by price, lowest or highest first, and by newest', async () => {
    const { categoryId, mid, cheap, dear } = await shelf();
    expect(idsOf(await listing({ categoryId, sort: 'price_asc' }))).toEqual([cheap, mid, dear]);
    expect(idsOf(await listing({ categoryId, sort: 'price_desc' }))).toEqual([dear, mid, cheap]);
    expect(idsOf(await listing({ categoryId, sort: 'newest' }))).toEqual([dear, cheap, mid]);
  });

  it("by the shop's own weight unless told otherwise", async () => {
    const { categoryId, mid, cheap, dear } = await shelf();
    expect((await admin('PATCH', `/api/admin/products/${cheap}`, { sortWeight: 10 })).status).toBe(200);
    expect(idsOf(await listing({ categoryId }))).toEqual([cheap, dear, mid]);
  });

  it('by sales, best sellers first', async () => {
    const { categoryId, mid, cheap, dear, made } = await shelf();
    const buyer = await phoneLogin(freshPhone(), 'h5');
    const midSku = made[0]?.skus[0]?.skuId ?? '';
    await paidOrder(buyer, midSku);
    await paidOrder(buyer, midSku);
    await paidOrder(buyer, made[2]?.skus[0]?.skuId ?? '');
    const bySales = await listing({ categoryId, sort: 'sales' });
    expect(idsOf(bySales)).toEqual([mid, dear, cheap]);
    expect(bySales.products.map((p) => p.sales)).toEqual([2, 1, 0]);
  });
});

describe('paging a listing', () => {
  it('walks every product exactly once, in order, even with equal prices', async () => {
    const category = await newCategory('Pages');
    const prices = [300, 100, 300, 200, 100, 300, 200];
    for (const price of prices) await productPriced(`Paged ${price}`, [price], { categoryIds: [category.id] });
    const pages = await everyPage({ categoryId: category.id, sort: 'price_asc' }, 3);
    expect(pages.map((p) => p.products.length)).toEqual([3, 3, 1]);
    const walked = pages.flatMap((p) => p.products);
    expect(walked.map((p) => p.price?.min)).toEqual([...prices].sort((a, b) => a - b));
    expect(new Set(walked.map((p) => p.productId)).size).toBe(prices.length);
  });

  it('repeats and skips nothing when a product is added before the page being read', async () => {
    const category = await newCategory('Moving');
    const made = [];
    for (const price of [100, 200, 300, 400]) {
      made.push((await productPriced(`Moving ${price}`, [price], { categoryIds: [category.id] })).productId);
    }
    const first = await listing({ categoryId: category.id, sort: 'price_asc', limit: '2' });
    await productPriced('Moving 50', [50], { categoryIds: [category.id] });
    const second = await listing({
      categoryId: category.id,
      sort: 'price_asc',
      limit: '2',
      cursor: first.nextCursor ?? '',
    });
    expect([...idsOf(first), ...idsOf(second)]).toEqual(made);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not make, or made for another sort, naming the cursor', async () => {
    const category = await newCategory('Cursors');
    for (const price of [1, 2]) await productPriced(`Cursor ${price}`, [price], { categoryIds: [category.id] });
    const { nextCursor } = await listing({ categoryId: category.id, sort: 'price_asc', limit: '1' });
    for (const [query, field] of [
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: nextCursor ?? '', sort: 'newest' }, 'cursor'],
      [{ sort: 'cheapest' }, 'sort'],
      [{ limit: '500' }, 'limit'],
    ] as const) {
      const response = await shopperGet(`/api/products?${new URLSearchParams(query)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    }
  });
});

describe('what shoppers do not see', () => {
  it('keeps draft and warehouse products out of listings and product pages until they are listed', async () => {
    const category = await newCategory('Hidden');
    const draft = await productPriced('Hidden draft', [100], { status: 'draft', categoryIds: [category.id] });
    const stored = await productPriced('Hidden stored', [100], { status: 'warehouse', categoryIds: [category.id] });
    expect(idsOf(await listing({ categoryId: category.id }))).toEqual([]);
    for (const { productId } of [draft, stored]) {
      const page = await shopperGet(`/api/products/${productId}`);
      expect(page.status).toBe(404);
      expect(await page.json()).toMatchObject({ error: { code: 'not_found', field: 'productId' } });
    }
    await admin('PATCH', `/api/admin/products/${draft.productId}`, { status: 'listed' });
    expect(idsOf(await listing({ categoryId: category.id }))).toEqual([draft.productId]);
    expect((await shopperGet(`/api/products/${draft.productId}`)).status).toBe(200);
  });

  it('takes every SKU of a product put in the warehouse off sale, live, and back on sale when it is listed again', async () => {
    const product = await productPriced('Shelved', [100, 200]);
    const [sku] = product.skus;
    if (!sku) throw new Error('no SKU');
    const page = await RoomClient.connect(`sku:${sku.skuId}`, 'h5');
    const listed = () => page.doc.getMap(SKU_MAP).get('listed');
    const buyer = await phoneLogin(freshPhone(), 'h5');

    await admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'warehouse' });
    await page.until(() => listed() === false, 'the SKU off sale');
    const refused = await placeOrder(buyer.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'sku_unlisted' } });
    const relist = await admin('PATCH', `/api/admin/products/${product.productId}/skus/${sku.skuId}`, { listed: true });
    expect(relist.status).toBe(409);

    await admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'listed' });
    await page.until(() => listed() === true, 'the SKU on sale again');
    expect((await placeOrder(buyer.token, { items: [{ skuId: sku.skuId, qty: 1 }] })).status).toBe(201);
    page.close();
  });

  it('creates the SKUs of a draft product off sale', async () => {
    const draft = await productPriced('Drafted', [100], { status: 'draft' });
    expect(draft.skus.map((s) => s.listed)).toEqual([false]);
  });

  it('leaves out a listed product none of whose SKUs is for sale', async () => {
    const category = await newCategory('Unsold');
    const product = await productPriced('All delisted', [100], { categoryIds: [category.id] });
    await patchSku(product.skus[0]?.skuId ?? '', { listed: false });
    expect(idsOf(await listing({ categoryId: category.id }))).toEqual([]);
  });

  it('answers 404 for a product that does not exist', async () => {
    expect((await shopperGet('/api/products/prd_nope')).status).toBe(404);
  });
});

describe("a product's page", () => {
  it('shows its pictures, description, options and SKUs with their live state', async () => {
    const picture = await uploadImage('page picture');
    const product = await newProduct({
      title: 'Page shirt',
      description: '<p>Soft <b>cotton</b><img src="https://cdn.test/x.jpg" onerror="steal()"></p>',
      images: [picture.imageId],
      options: [{ name: 'Size', values: ['S', 'M'] }],
      skus: [
        { options: ['S'], price: 5000, stock: 4 },
        { options: ['M'], price: 5500, stock: 6 },
      ],
    });
    const [small] = product.skus;
    await patchSku(small?.skuId ?? '', { price: 4500 });
    const response = await shopperGet(`/api/products/${product.productId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(await response.json()).toMatchObject({
      productId: product.productId,
      title: 'Page shirt',
      description: '<p>Soft <b>cotton</b><img src="https://cdn.test/x.jpg"></p>',
      images: [{ imageId: picture.imageId, url: picture.url }],
      options: [{ name: 'Size', values: ['S', 'M'] }],
      price: { min: 4500, max: 5500 },
      stock: 10,
      skus: [
        { skuId: small?.skuId, title: 'Page shirt S', options: ['S'], price: 4500, stock: 4, listed: true, rev: 2 },
        { title: 'Page shirt M', options: ['M'], price: 5500, stock: 6, listed: true, rev: 1 },
      ],
    });
  });

  it('answers 304 while nothing changed, and the new page once a price moves', async () => {
    const product = await productPriced('Cached page', [700]);
    const first = await shopperGet(`/api/products/${product.productId}`);
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await shopperGet(`/api/products/${product.productId}`, { 'If-None-Match': etag })).status).toBe(304);
    await patchSku(product.skus[0]?.skuId ?? '', { price: 650 });
    const changed = await shopperGet(`/api/products/${product.productId}`, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ price: { min: 650, max: 650 } });
  });

  it('answers 304 to a listing that has not changed', async () => {
    const category = await newCategory('Cached list');
    await productPriced('Cached item', [100], { categoryIds: [category.id] });
    const first = await shopperGet(`/api/products?categoryId=${category.id}`);
    expect(first.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const etag = first.headers.get('ETag') ?? '';
    const again = await shopperGet(`/api/products?categoryId=${category.id}`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });
});
