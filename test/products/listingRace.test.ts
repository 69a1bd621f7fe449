import { describe, expect, it } from 'vitest';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { admin, adminRead } from '../support/hub';
import { productPriced } from '../support/products';

/** How many times each race is run: each run lets the two requests interleave as they happen to. */
const RUNS = 8;

/** A product with one SKU that its operator delisted, and how to list that SKU by `path`. */
const listings: Record<string, (product: OperatorProduct, skuId: string) => Promise<Response>> = {
  'the SKU patch': (_, skuId) => admin('PATCH', `/api/admin/skus/${skuId}`, { listed: true }),
  'the batch': (_, skuId) => admin('POST', '/api/admin/skus/batch', { edits: [{ skuId, listed: true }] }),
  'the SKU content patch': (product, skuId) =>
    admin('PATCH', `/api/admin/products/${product.productId}/skus/${skuId}`, { listed: true }),
  'adding a SKU': (product) => admin('POST', `/api/admin/products/${product.productId}/skus`, { price: 1, stock: 1 }),
};

/** Each SKU of the product, listed or not, as the back office reads it once both requests answered. */
const listedSkus = async (product: OperatorProduct) =>
  (await adminRead<OperatorProduct>(`/api/admin/products/${product.productId}`)).skus.map((s) => s.listed);

describe('listing racing a product move', () => {
  it.each(Object.keys(listings))(
    'leaves no SKU on sale when its product goes to the warehouse while one is listed by %s',
    async (path) => {
      const ended: boolean[][] = [];
      for (let run = 0; run < RUNS; run++) {
        const product = await productPriced(`Race ${path} ${run}`, [100]);
        const skuId = product.skus[0]?.skuId ?? '';
        await admin('PATCH', `/api/admin/skus/${skuId}`, { listed: false });
        await Promise.all([
          admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'warehouse' }),
          listings[path]?.(product, skuId),
        ]);
        ended.push(await listedSkus(product));
      }
      expect(ended.flat()).not.toContain(true);
    },
  );

  it('keeps a SKU off sale that its operator delists while its product comes back', async () => {
    const ended: boolean[][] = [];
    for (let run = 0; run < RUNS; run++) {
      const product = await productPriced(`Return race ${run}`, [100], { status: 'warehouse' });
      const skuId = product.skus[0]?.skuId ?? '';
      await Promise.all([
        admin('PATCH', `/api/admin/products/${product.productId}`, { status: 'listed' }),
        admin('PATCH', `/api/admin/skus/${skuId}`, { listed: false }),
      ]);
      ended.push(await listedSkus(product));
    }
    expect(ended.flat()).not.toContain(true);
  });
});
