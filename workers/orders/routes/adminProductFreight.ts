import { Hono } from 'hono';
import { productFreightSchema, productIdParam } from '../../../shared/api/checkout';
import { notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { freightTemplateExists, productExists, setProductFreight } from '../records/freightRecords';
import { docs } from './adminProductFreight.docs';

/**
 * How a product's freight is charged at checkout: a unified amount, or a freight template copied
 * from a Mini-Shop (`GET /api/admin/minishop/shops/:appid/freight-templates` names them).
 */
export const adminProductFreightRoutes = new Hono<HubEnv>().put(
  '/:productId/freight',
  docs.set,
  validate('param', productIdParam),
  validate('json', productFreightSchema),
  async (c) => {
    const db = database(c.env.DB);
    const { productId } = c.req.valid('param');
    const setting = c.req.valid('json');
    if (!(await productExists(db, productId))) throw notFound('product', 'productId');
    if ('templateId' in setting && !(await freightTemplateExists(db, setting.templateId))) {
      throw notFound('freight template', 'templateId');
    }
    await setProductFreight(db, productId, setting, clock.now());
    return c.json({ productId, ...setting });
  },
);
