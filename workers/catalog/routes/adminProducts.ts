import { Hono } from 'hono';
import { z } from 'zod';
import { skuId } from '../../../shared/api/admin';
import {
  adminProductListQuery,
  newProductSchema,
  newSkuSchema,
  productId,
  productOptionsSchema,
  productPatchSchema,
  skuContentPatchSchema,
} from '../../../shared/api/products';
import type { SkuState } from '../../../shared/docs/sku';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import type { Env } from '../../env';
import { database } from '../../records/db';
import { recordChange } from '../../staff/auditTrail';
import { createProduct } from '../createProduct';
import { editProduct } from '../editProduct';
import { listProducts } from '../productListings';
import { editProductOptions } from '../productOptions';
import { addSku, editSkuContent, removeSku } from '../productSkus';
import { operatorProductView } from '../productViews';
import { findProductRecord } from '../records/productReads';
import { docs } from './adminProducts.docs';

const productParam = validate('param', z.object({ productId }));
const productSkuParam = validate('param', z.object({ productId, skuId }));

const originOf = (url: string) => new URL(url).origin;

const productOf = async (env: Env, origin: string, id: string, initial?: SkuState[]) => {
  const record = await findProductRecord(database(env.DB), id);
  if (!record) throw notFound('product', 'productId');
  return operatorProductView(env, origin, record, initial);
};

/** Products, their content and SKUs, as operators create, find and edit them. */
export const adminProductRoutes = new Hono<HubEnv>()
  .post('/', docs.create, validate('json', newProductSchema), async (c) => {
    const created = await createProduct(c.env, c.req.valid('json'));
    return c.json(await productOf(c.env, originOf(c.req.url), created.productId, created.skus), 201);
  })
  .get('/', docs.list, validate('query', adminProductListQuery), async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    return c.json(
      await listProducts(c.env, originOf(c.req.url), {
        filter: { audience: 'operator', ...filter },
        sort: 'newest',
        cursor,
        limit,
      }),
    );
  })
  .get('/:productId', docs.read, productParam, async (c) =>
    c.json(await productOf(c.env, originOf(c.req.url), c.req.valid('param').productId)),
  )
  .patch('/:productId', docs.edit, productParam, validate('json', productPatchSchema), async (c) => {
    const { productId: id } = c.req.valid('param');
    const before = await productOf(c.env, originOf(c.req.url), id);
    await editProduct(c.env, id, c.req.valid('json'));
    const after = await productOf(c.env, originOf(c.req.url), id);
    recordChange(c, { entity: 'products', id, before, after });
    return c.json(after);
  })
  .put('/:productId/options', docs.options, productParam, validate('json', productOptionsSchema), async (c) => {
    const { productId: id } = c.req.valid('param');
    await editProductOptions(c.env, id, c.req.valid('json'));
    return c.json(await productOf(c.env, originOf(c.req.url), id));
  })
  .post('/:productId/skus', docs.addSku, productParam, validate('json', newSkuSchema), async (c) => {
    const { productId: id } = c.req.valid('param');
    const sku = await addSku(c.env, id, c.req.valid('json'));
    const product = await productOf(c.env, originOf(c.req.url), id);
    return c.json(
      product.skus.find((s) => s.skuId === sku.skuId),
      201,
    );
  })
  .patch(
    '/:productId/skus/:skuId',
    docs.editSku,
    productSkuParam,
    validate('json', skuContentPatchSchema),
    async (c) => {
      const { productId: id, skuId: sku } = c.req.valid('param');
      await editSkuContent(c.env, id, sku, c.req.valid('json'));
      const product = await productOf(c.env, originOf(c.req.url), id);
      return c.json(product.skus.find((s) => s.skuId === sku));
    },
  )
  .delete('/:productId/skus/:skuId', docs.removeSku, productSkuParam, async (c) => {
    const { productId: id, skuId: sku } = c.req.valid('param');
    await removeSku(c.env, id, sku);
    return c.json(await productOf(c.env, originOf(c.req.url), id));
  });
