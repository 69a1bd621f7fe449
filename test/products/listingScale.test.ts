import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { insertProduct } from '../../workers/catalog/records/productRecords';
import { database } from '../../workers/records/db';
import { everyPage, newCategory, shopperGet } from '../support/products';

const PRODUCTS = 1000;
const WORDS = ['连衣裙', '衬衫', '外套', '运动鞋', '背包'];

describe('a listing over a thousand products', () => {
  it('pages through all of them once each, in price order, and finds a 2-character word among them', async () => {
    const category = await newCategory('Thousand');
    const db = database(env.DB);
    const made = new Map<string, number>();
    for (let i = 0; i < PRODUCTS; i++) {
      // Prices repeat (every 37th) so equal sort keys meet page boundaries.
      const price = 1000 + (i % 37) * 100;
      const { productId } = await insertProduct(db, {
        title: `Thousand ${WORDS[i % WORDS.length]} ${i}`,
        categoryIds: [category.id],
        skus: [
          { title: 'A', price, stock: 1 },
          { title: 'B', price: price + 50, stock: 2 },
        ],
      });
      made.set(productId, price);
    }

    const started = Date.now();
    const pages = await everyPage({ categoryId: category.id, sort: 'price_asc' }, 50);
    const pagingMs = Date.now() - started;
    const walked = pages.flatMap((p) => p.products);
    expect(walked).toHaveLength(PRODUCTS);
    expect(new Set(walked.map((p) => p.productId))).toEqual(new Set(made.keys()));
    expect(walked.map((p) => p.price?.min)).toEqual([...made.values()].sort((a, b) => a - b));

    const searchStarted = Date.now();
    const found = await (await shopperGet(`/api/products?q=${encodeURIComponent('衬衫')}&limit=50`)).json<{
      products: Array<{ title: string }>;
    }>();
    const searchMs = Date.now() - searchStarted;
    expect(found.products).toHaveLength(50);
    expect(found.products.every((p) => p.title.includes('衬衫'))).toBe(true);
    console.log(
      `listing of ${PRODUCTS} products: ${pages.length} pages of 50 in ${pagingMs} ms ` +
        `(${(pagingMs / pages.length).toFixed(1)} ms a page); a 2-character search in ${searchMs} ms`,
    );
  }, 120_000);
});
