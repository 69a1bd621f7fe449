import { describe, expect, it } from 'vitest';
import { SKU_MAP } from '../../shared/docs/sku';
import type { OperatorProduct } from '../../workers/catalog/productViews';
import { admin, adminRead } from '../support/hub';
import { newProduct, shopperGet } from '../support/products';
import { RoomClient } from '../support/roomClient';

const COLOUR = { name: 'Colour', values: ['White', 'Black'] };
const SIZE = { name: 'Size', values: ['S', 'M'] };

/** A shirt in White / S and Black / M named by their values, and a White / M SKU named "Limited". */
const shirt = async (
  skus = [
    ['White', 'S'],
    ['Black', 'M'],
    ['White', 'M'],
  ],
) => {
  const product = await newProduct({
    title: '衬衫',
    options: [COLOUR, SIZE],
    skus: skus.map((options, i) => ({ options, price: 9900, stock: 5, ...(i === 2 ? { title: 'Limited' } : {}) })),
  });
  const ids = product.skus.map((s) => s.skuId);
  return { product, ids, path: `/api/admin/products/${product.productId}` };
};

const putOptions = (path: string, body: unknown) => admin('PUT', `${path}/options`, body);

/** Each SKU of the product as [options, name, title], in the product's order. */
const skuLines = (product: OperatorProduct) => product.skus.map((s) => [s.options, s.name, s.title]);

const expectRefused = async (response: Response, status: number, error: Record<string, unknown>) => {
  expect(response.status).toBe(status);
  expect(await response.json()).toMatchObject({ error });
};

describe("editing a product's spec options", () => {
  it('renames an option and a value: every SKU naming it follows, and titles that were their values change live', async () => {
    const { product, ids, path } = await shirt();
    const page = await RoomClient.connect(`sku:${ids[0]}`, 'mini');
    const response = await putOptions(path, {
      options: [{ name: '颜色', was: 'Colour', values: [{ name: '白色', was: 'White' }, 'Black'] }, SIZE],
    });
    expect(response.status).toBe(200);
    const edited = await response.json<OperatorProduct>();
    expect(edited.options).toEqual([{ name: '颜色', values: ['白色', 'Black'] }, SIZE]);
    expect(skuLines(edited)).toEqual([
      [['白色', 'S'], '白色 / S', '衬衫 白色 / S'],
      [['Black', 'M'], 'Black / M', '衬衫 Black / M'],
      [['白色', 'M'], 'Limited', '衬衫 Limited'],
    ]);
    await page.until(() => page.doc.getMap(SKU_MAP).get('title') === '衬衫 白色 / S', 'the new title on the SKU page');
    const shown = await (await shopperGet(`/api/products/${product.productId}`)).json<OperatorProduct>();
    expect(shown.options).toEqual(edited.options);
    expect(shown.skus.map((s) => s.options)).toEqual(edited.skus.map((s) => s.options));
    page.close();
  });

  it('adds a value and removes one no SKU uses; a value a SKU still uses is refused with 409 naming it', async () => {
    const { ids, path } = await shirt();
    expect((await putOptions(path, { options: [{ ...COLOUR, values: ['White', 'Black', 'Red'] }, SIZE] })).status).toBe(
      200,
    );
    await expectRefused(await putOptions(path, { options: [{ ...COLOUR, values: ['White', 'Red'] }, SIZE] }), 409, {
      code: 'option_value_in_use',
      field: 'options.0.values',
      message: expect.stringContaining('Black'),
    });
    expect((await adminRead<OperatorProduct>(path)).options).toEqual([
      { name: 'Colour', values: ['White', 'Black', 'Red'] },
      SIZE,
    ]);

    const moved = await putOptions(path, {
      options: [{ ...COLOUR, values: ['White', 'Red'] }, SIZE],
      skus: { [ids[1] ?? '']: { Colour: 'Red' } },
    });
    expect(moved.status).toBe(200);
    const edited = await moved.json<OperatorProduct>();
    expect(edited.options).toEqual([{ name: 'Colour', values: ['White', 'Red'] }, SIZE]);
    expect(skuLines(edited)[1]).toEqual([['Red', 'M'], 'Red / M', '衬衫 Red / M']);
  });

  it('adds an option only with a value of it for every SKU, in the same request', async () => {
    const { ids, path } = await shirt();
    const material = { name: 'Material', values: ['Cotton', 'Linen'] };
    const [first, second, third] = ids as [string, string, string];
    await expectRefused(await putOptions(path, { options: [COLOUR, SIZE, material] }), 400, {
      code: 'invalid_input',
      field: `skus.${first}.Material`,
    });
    const partly = { [first]: { Material: 'Cotton' }, [second]: { Material: 'Linen' } };
    await expectRefused(await putOptions(path, { options: [COLOUR, SIZE, material], skus: partly }), 400, {
      field: `skus.${third}.Material`,
    });
    await expectRefused(
      await putOptions(path, { options: [COLOUR, SIZE, material], skus: { ...partly, [third]: { Material: 'Silk' } } }),
      400,
      { field: `skus.${third}.Material` },
    );
    await expectRefused(
      await putOptions(path, {
        options: [COLOUR, SIZE, material],
        skus: { ...partly, sku_nope: { Material: 'Silk' } },
      }),
      404,
      { code: 'not_found', field: 'skus.sku_nope' },
    );
    expect((await adminRead<OperatorProduct>(path)).options).toEqual([COLOUR, SIZE]);

    const added = await putOptions(path, {
      options: [material, COLOUR, SIZE],
      skus: { ...partly, [third]: { Material: 'Cotton' } },
    });
    expect(added.status).toBe(200);
    expect(skuLines(await added.json<OperatorProduct>())).toEqual([
      [['Cotton', 'White', 'S'], 'Cotton / White / S', '衬衫 Cotton / White / S'],
      [['Linen', 'Black', 'M'], 'Linen / Black / M', '衬衫 Linen / Black / M'],
      [['Cotton', 'White', 'M'], 'Limited', '衬衫 Limited'],
    ]);
  });

  it('removes an option only when the SKUs stay told apart without it', async () => {
    const { path } = await shirt();
    for (const kept of [SIZE, COLOUR]) {
      await expectRefused(await putOptions(path, { options: [kept] }), 409, {
        code: 'skus_not_distinct',
        field: 'options',
      });
    }
    expect((await adminRead<OperatorProduct>(path)).options).toEqual([COLOUR, SIZE]);

    const small = await shirt([
      ['White', 'S'],
      ['Black', 'S'],
    ]);
    const removed = await putOptions(small.path, { options: [COLOUR] });
    expect(removed.status).toBe(200);
    expect(skuLines(await removed.json<OperatorProduct>())).toEqual([
      [['White'], 'White', '衬衫 White'],
      [['Black'], 'Black', '衬衫 Black'],
    ]);
  });

  it('refuses an unknown product (404), and options it cannot match (400 naming the field)', async () => {
    const { path } = await shirt();
    await expectRefused(await admin('PUT', '/api/admin/products/prd_nope/options', { options: [] }), 404, {
      field: 'productId',
    });
    for (const [body, field] of [
      [{ options: [{ name: 'Colour', was: 'Fabric', values: ['White'] }, SIZE] }, 'options.0.was'],
      [
        { options: [{ name: 'Colour', values: [{ name: 'Red', was: 'Pink' }, 'Black'] }, SIZE] },
        'options.0.values.0.was',
      ],
      [{ options: [COLOUR, COLOUR] }, 'options'],
      [{ options: [{ name: 'Colour', values: ['White', 'White'] }, SIZE] }, 'options.0.values.1'],
      [{ options: [COLOUR, { name: 'Size', values: [] }] }, 'options.1.values'],
      [{ options: [COLOUR, SIZE], colour: 'red' }, 'colour'],
      [{ skus: {} }, 'options'],
    ] as const) {
      await expectRefused(await putOptions(path, body), 400, { code: 'invalid_input', field });
    }
  });
});

describe("setting a SKU's option values", () => {
  it("changes them through the SKU's content, its name following live; another SKU's values are 409", async () => {
    const { ids, path } = await shirt();
    const [, second, third] = ids as [string, string, string];
    const page = await RoomClient.connect(`sku:${second}`, 'h5');
    await expectRefused(await admin('PATCH', `${path}/skus/${second}`, { options: ['White', 'S'] }), 409, {
      code: 'sku_exists',
      field: 'options',
    });
    await expectRefused(await admin('PATCH', `${path}/skus/${second}`, { options: ['Red', 'M'] }), 400, {
      field: 'options.0',
    });
    await expectRefused(await admin('PATCH', `${path}/skus/${second}`, { options: ['Black'] }), 400, {
      field: 'options',
    });

    const moved = await admin('PATCH', `${path}/skus/${second}`, { options: ['Black', 'S'] });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ options: ['Black', 'S'], name: 'Black / S', title: '衬衫 Black / S' });
    await page.until(() => page.doc.getMap(SKU_MAP).get('title') === '衬衫 Black / S', 'the new title on the SKU page');
    const own = await admin('PATCH', `${path}/skus/${third}`, { options: ['Black', 'M'] });
    expect(await own.json()).toMatchObject({ options: ['Black', 'M'], name: 'Limited' });
    page.close();
  });
});
