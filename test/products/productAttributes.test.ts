import { describe, expect, it } from 'vitest';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { admin } from '../support/hub';
import { productPriced, shopperGet } from '../support/products';

const BRAND = [
  { key: '品牌', value: '晨光' },
  { key: '材质', value: '塑料' },
];

const shopperProduct = async (productId: string) => {
  const response = await shopperGet(`/api/products/${productId}`);
  if (response.status !== 200) throw new Error(`product read failed: ${response.status}`);
  return (await response.json()) as { attributes: unknown };
};

const operatorProduct = async (productId: string): Promise<OperatorProduct> =>
  (await admin('GET', `/api/admin/products/${productId}`)).json();

describe('product attributes', () => {
  it('are kept in order, trimmed, and shown to the back office and to shoppers', async () => {
    const created = await productPriced('中性笔', [300], {
      attributes: [
        { key: ' 品牌 ', value: '晨光  ' },
        { key: '材质', value: '塑料' },
      ],
    });
    expect(created.attributes).toEqual(BRAND);
    expect((await operatorProduct(created.productId)).attributes).toEqual(BRAND);
    expect((await shopperProduct(created.productId)).attributes).toEqual(BRAND);
  });

  it('a product made without attributes has none', async () => {
    const created = await productPriced('便签', [200]);
    expect((await shopperProduct(created.productId)).attributes).toEqual([]);
  });

  it('are replaced by an edit, and an edit of another field leaves them', async () => {
    const created = await productPriced('钢笔', [5000], { attributes: BRAND });
    const renamed = [{ key: '品牌', value: '英雄' }];
    expect((await admin('PATCH', `/api/admin/products/${created.productId}`, { attributes: renamed })).status).toBe(
      200,
    );
    expect((await shopperProduct(created.productId)).attributes).toEqual(renamed);
    expect((await admin('PATCH', `/api/admin/products/${created.productId}`, { subtitle: '书写顺滑' })).status).toBe(
      200,
    );
    expect((await operatorProduct(created.productId)).attributes).toEqual(renamed);
    expect((await admin('PATCH', `/api/admin/products/${created.productId}`, { attributes: [] })).status).toBe(200);
    expect((await shopperProduct(created.productId)).attributes).toEqual([]);
  });

  const thirtyOne = Array.from({ length: 31 }, (_, i) => ({ key: `参数${i}`, value: String(i) }));
  it.each([
    ['more than 30', thirtyOne, 'attributes'],
    ['a key over 40 characters', [{ key: '键'.repeat(41), value: '值' }], 'attributes.0.key'],
    ['a value over 200 characters', [...BRAND, { key: '说明', value: '长'.repeat(201) }], 'attributes.2.value'],
    ['a blank value', [{ key: '品牌', value: '   ' }], 'attributes.0.value'],
    ['a field besides key and value', [{ key: '品牌', value: '晨光', unit: '支' }], 'attributes.0.unit'],
    ['a value that is not text', [{ key: '长度', value: 14 }], 'attributes.0.value'],
  ])('refuses %s with 400 naming the field, on create and on edit', async (_, attributes, field) => {
    const created = await admin('POST', '/api/admin/products', {
      title: 'Never made',
      attributes,
      skus: [{ price: 100, stock: 1 }],
    });
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ error: { code: 'invalid_input', field } });

    const product = await productPriced('尺子', [150], { attributes: BRAND });
    const edited = await admin('PATCH', `/api/admin/products/${product.productId}`, { attributes });
    expect(edited.status).toBe(400);
    expect(await edited.json()).toMatchObject({ error: { code: 'invalid_input', field } });
    expect((await operatorProduct(product.productId)).attributes).toEqual(BRAND);
  });
});
