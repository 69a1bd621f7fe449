import { Hono } from 'hono';
import { z } from 'zod';
import {
  appidSchema,
  autoSyncSchema,
  bindShopSchema,
  syncRulesPatchSchema,
  thirdPartySalesSettingSchema,
} from '../../../shared/api/minishop';
import { publishSales } from '../../catalog/publishSales';
import { productExists } from '../../catalog/records/productRecords';
import { productSales, setAddThirdPartySales } from '../../catalog/records/salesRecords';
import { ApiError, notFound, unlessRefused } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { MiniShopApiError, MiniShopUnavailableError } from '../api/errors';
import { listMiniShops } from '../records/miniShopRecords';
import { shopSyncOf } from '../ShopSync';
import { shopClient } from '../sync/shopClient';
import { docs } from './adminMinishop.docs';

const shopParam = validate('param', z.object({ appid: appidSchema }));
const productParam = validate('param', z.object({ productId: z.string().min(1).max(64) }));

/** WeChat's answers to a wrong appid or secret, by the field the merchant got wrong. */
const REFUSED_CREDENTIAL: Record<number, 'appid' | 'secret'> = { 40013: 'appid', 40125: 'secret' };

/**
 * Mini-Shop binding, sync rules, migrations and third-party sales. Each shop's object (ShopSync)
 * holds its credentials and runs, and refuses what its state forbids (409 while a migration runs).
 */
export const adminMiniShopRoutes = new Hono<HubEnv>()
  .post('/shops', docs.bind, validate('json', bindShopSchema), async (c) => {
    const { appid, secret } = c.req.valid('json');
    // Authorization: the Mini-Shop must issue a token for these credentials and name the shop.
    let name: string;
    try {
      name = (await shopClient(c.env, { appid, secret }).shopInfo()).name;
    } catch (error) {
      const field = error instanceof MiniShopApiError ? REFUSED_CREDENTIAL[error.errcode] : undefined;
      if (field) throw new ApiError(400, 'authorization_refused', `the Mini-Shop refused this ${field}`, field);
      if (error instanceof MiniShopApiError || error instanceof MiniShopUnavailableError) {
        throw new ApiError(502, 'minishop_unavailable', `the Mini-Shop could not be reached: ${error.message}`);
      }
      throw error;
    }
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).bind(secret, name)), 201);
  })
  .get('/shops', docs.list, async (c) => c.json({ shops: await listMiniShops(database(c.env.DB)) }))
  .get('/shops/:appid', docs.read, shopParam, async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).shop()));
  })
  .delete('/shops/:appid', docs.unbind, shopParam, async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).unbind()));
  })
  .patch('/shops/:appid/rules', docs.rules, shopParam, validate('json', syncRulesPatchSchema), async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).setRules(c.req.valid('json'))));
  })
  .put('/shops/:appid/auto-sync', docs.autoSync, shopParam, validate('json', autoSyncSchema), async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).setAutoSync(c.req.valid('json').autoSync)));
  })
  .get('/shops/:appid/freight-templates', docs.freightTemplates, shopParam, async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).sourceTemplates()));
  })
  .post('/shops/:appid/migrations', docs.migrate, shopParam, async (c) => {
    const { appid } = c.req.valid('param');
    return c.json(unlessRefused(await shopSyncOf(c.env, appid).startMigration()), 202);
  })
  .get('/products/:productId/sales', docs.sales, productParam, async (c) => {
    const { productId } = c.req.valid('param');
    const db = database(c.env.DB);
    if (!(await productExists(db, productId))) {
      throw notFound('product', 'productId');
    }
    return c.json(await productSales(db, productId));
  })
  .put(
    '/products/:productId/sales',
    docs.setSales,
    productParam,
    validate('json', thirdPartySalesSettingSchema),
    async (c) => {
      const { productId } = c.req.valid('param');
      const db = database(c.env.DB);
      if (!(await setAddThirdPartySales(db, productId, c.req.valid('json').addThirdPartySales))) {
        throw notFound('Mini-Shop product', 'productId');
      }
      await publishSales(c.env, [productId]);
      return c.json(await productSales(db, productId));
    },
  );
