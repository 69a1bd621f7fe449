import { describe, expect, it } from 'vitest';
import { generateShop } from '../../workers/emulator/seed/generateShop';
import { changeSourceProduct } from '../support/emulator';
import { migratedProduct } from '../support/migratedProducts';
import { boundShop, migrate } from '../support/shopsync';

const attr = (attr_key: string, attr_value: string) => ({ attr_key, attr_value });

describe('Mini-Shop migration keeps a product’s attributes within the mall’s limits', () => {
  it('trims them, cuts a long value, leaves out blank ones and over-long keys, and keeps the first 30', async () => {
    const shop = await boundShop({ products: 2, orders: 1, seed: 43 });
    const spu = generateShop(shop).spus.find((s) => s.status === 5);
    if (!spu) throw new Error('the seed gives no product on sale');
    const numbered = Array.from({ length: 30 }, (_, i) => attr(`参数${i}`, `值${i}`));
    await changeSourceProduct(shop.appid, spu.product_id, {
      attrs: [
        attr(' 品牌 ', ' 晨光 '),
        attr('颜色', '   '),
        attr('键'.repeat(41), '值'),
        attr('说明', '长'.repeat(250)),
        ...numbered,
      ],
    });
    await migrate(shop.appid);

    const product = await migratedProduct(shop.appid, spu.product_id);
    expect(product.attributes).toEqual([
      { key: '品牌', value: '晨光' },
      { key: '说明', value: '长'.repeat(200) },
      ...numbered.slice(0, 28).map((a) => ({ key: a.attr_key, value: a.attr_value })),
    ]);
  }, 60_000);
});
