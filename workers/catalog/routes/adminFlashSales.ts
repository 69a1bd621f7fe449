import { Hono } from 'hono';
import { flashSaleIdParam, flashSalePatchSchema, newFlashSaleSchema } from '../../../shared/api/flashSales';
import { CHANNELS } from '../../../shared/channels';
import { ApiError, notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { newId } from '../../records/ids';
import { recordChange } from '../../staff/auditTrail';
import { flashSaleClockOf } from '../FlashSaleClock';
import {
  cancelFlashSale,
  findFlashSale,
  flashOf,
  insertFlashSale,
  listFlashSales,
  overlappingSale,
  renameFlashSale,
} from '../records/flashSaleRecords';
import { existingSkuIds } from '../records/skuRecords';
import { docs } from './adminFlashSales.docs';

/**
 * Flash sales: stored in D1, then handed to the sale's clock, which puts the sale live in every
 * SKU and catalog room at `startsAt` and takes it off at `endsAt`.
 */
export const adminFlashSaleRoutes = new Hono<HubEnv>()
  .post('/', docs.create, validate('json', newFlashSaleSchema), async (c) => {
    const request = c.req.valid('json');
    const now = clock.now();
    if (request.endsAt <= now)
      throw new ApiError(400, 'invalid_input', 'endsAt: the sale would be over already', 'endsAt');
    const db = database(c.env.DB);
    const known = await existingSkuIds(db, request.skuIds);
    const unknown = request.skuIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw notFound(`SKU ${request.skuIds[unknown]}`, `skuIds.${unknown}`);
    const overlap = await overlappingSale(db, request.skuIds, request.startsAt, request.endsAt);
    if (overlap) {
      throw new ApiError(
        409,
        'flash_sale_overlap',
        `SKU ${overlap.skuId} is already in flash sale ${overlap.saleId} at that time`,
        `skuIds.${request.skuIds.indexOf(overlap.skuId)}`,
      );
    }
    const sale = {
      id: newId('fs'),
      name: request.name,
      price: request.price,
      startsAt: request.startsAt,
      endsAt: request.endsAt,
      channels: request.channels === 'all' ? [...CHANNELS] : request.channels,
      perMemberLimit: request.perMemberLimit ?? null,
      cancelledAt: null,
      createdAt: now,
    };
    await insertFlashSale(db, sale, request.skuIds);
    await flashSaleClockOf(c.env, sale.id).schedule({ flash: flashOf(sale), skuIds: request.skuIds });
    const created = await findFlashSale(db, sale.id, clock.now());
    recordChange(c, { entity: 'flash-sales', id: sale.id, before: null, after: created });
    return c.json(created, 201);
  })
  .get('/', docs.list, async (c) => c.json({ flashSales: await listFlashSales(database(c.env.DB), clock.now()) }))
  .get('/:saleId', docs.read, validate('param', flashSaleIdParam), async (c) => {
    const sale = await findFlashSale(database(c.env.DB), c.req.valid('param').saleId, clock.now());
    if (!sale) throw notFound('flash sale', 'saleId');
    return c.json(sale);
  })
  .patch(
    '/:saleId',
    docs.rename,
    validate('param', flashSaleIdParam),
    validate('json', flashSalePatchSchema),
    async (c) => {
      const { saleId } = c.req.valid('param');
      const db = database(c.env.DB);
      const { name } = c.req.valid('json');
      const before = await findFlashSale(db, saleId, clock.now());
      if (!(await renameFlashSale(db, saleId, name))) throw notFound('flash sale', 'saleId');
      await flashSaleClockOf(c.env, saleId).rename(name);
      const after = await findFlashSale(db, saleId, clock.now());
      recordChange(c, { entity: 'flash-sales', id: saleId, before, after });
      return c.json(after);
    },
  )
  .delete('/:saleId', docs.cancel, validate('param', flashSaleIdParam), async (c) => {
    const { saleId } = c.req.valid('param');
    const db = database(c.env.DB);
    const sale = await findFlashSale(db, saleId, clock.now());
    if (!sale) throw notFound('flash sale', 'saleId');
    if (sale.status === 'ended') throw new ApiError(409, 'flash_sale_over', 'the sale has ended already');
    if (await cancelFlashSale(db, saleId, clock.now())) await flashSaleClockOf(c.env, saleId).cancel();
    const after = await findFlashSale(db, saleId, clock.now());
    recordChange(c, { entity: 'flash-sales', id: saleId, before: sale, after });
    return c.json(after);
  });
