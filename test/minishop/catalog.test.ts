import { describe, expect, it } from 'vitest';
import { generateShop } from '../../workers/emulator/seed/generateShop';
import { SEEDED_SHOPS } from '../../workers/emulator/seed/profiles';
import { allPages } from '../../workers/minishop/api/paging';
import { clientFor, collect } from '../support/emulator';

const shop = SEEDED_SHOPS[0];
if (!shop) throw new Error('the emulator seeds no shop');
const seed = generateShop(shop);

describe('Mini-Shop client: products', () => {
  it('pages through every on-sale and delisted product of the seeded shop, skipping statuses 0 and 13', async () => {
    const { client, log } = clientFor(shop, { pageSizes: { products: 37 } });
    const products = await collect(allPages((cursor) => client.productsPage(cursor)));

    const synced = seed.spus.filter((spu) => spu.status === 5 || spu.status === 11);
    expect(seed.spus.length).toBeGreaterThanOrEqual(300);
    expect(seed.spus.some((spu) => spu.status === 13) && seed.spus.some((spu) => spu.status === 0)).toBe(true);
    expect(products.map((p) => p.productId).sort()).toEqual(synced.map((spu) => spu.product_id).sort());
    expect(products.filter((p) => p.status === 'delisted')).toHaveLength(synced.filter((s) => s.status === 11).length);
    // SPU list pages (37 a page, per status), then one SKU list per product, after one token call.
    expect(log.count('/product/sku/get_list')).toBe(synced.length);
    expect(log.count('/product/spu/get_list')).toBeGreaterThan(synced.length / 37);
    expect(log.count('/cgi-bin/token')).toBe(1);
  });

  it('returns each product with its SKUs, prices and stock, ids above 2^53 exact as strings', async () => {
    const { client } = clientFor(shop, { pageSizes: { products: 100 } });
    const products = await collect(allPages((cursor) => client.productsPage(cursor)));
    // Every page reports the whole listing's size, so a migration's progress has a total at once.
    expect((await client.productsPage(null)).total).toBe(products.length);
    const big = products.filter((p) => BigInt(p.productId) > 2n ** 53n);
    expect(big.length).toBeGreaterThan(100);
    // 2^53 + 1 cannot be a double: it survives only if parsing never went through Number.
    expect(products.map((p) => p.productId)).toContain((2n ** 53n + 1n).toString());
    for (const product of products) {
      const expected = seed.skus.filter((sku) => sku.product_id === product.productId);
      expect(product.skus.map((s) => [s.skuId, s.price, s.stock])).toEqual(
        expected.map((s) => [s.sku_id, s.sale_price, s.stock_num]),
      );
      expect(typeof product.productId).toBe('string');
    }
  });

  it('gets one product by id, and none for a product delisted for violations', async () => {
    const { client } = clientFor(shop);
    const listed = seed.spus.find((spu) => spu.status === 5 && BigInt(spu.product_id) > 2n ** 53n);
    const violation = seed.spus.find((spu) => spu.status === 13);
    if (!listed) throw new Error('the seed has no on-sale product with an id above 2^53');
    if (!violation) throw new Error('the seed has no product delisted for violations');
    const product = await client.getProduct(listed.product_id);
    expect(product).toMatchObject({ productId: listed.product_id, status: 'on_sale', title: listed.title });
    expect(product?.skus.length).toBe(listed.skus.length);
    expect(await client.getProduct(violation.product_id)).toBeNull();
  });

  it('reads the freight templates and the shop info', async () => {
    const { client } = clientFor(shop);
    expect(await client.freightTemplates()).toEqual(
      seed.freightTemplates.map((t) => expect.objectContaining({ templateId: t.template_id, name: t.name })),
    );
    expect(await client.shopInfo()).toEqual({ name: shop.name, logo: seed.storeInfo.logo });
  });
});
