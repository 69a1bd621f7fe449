import { Hono } from 'hono';
import { z } from 'zod';
import { type ShipOrder, shipBatchSchema, shipOrderSchema } from '../../../shared/api/minishop';
import { ApiError, unlessRefused } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import type { Env } from '../../env';
import { memberRoomOf } from '../../members/MemberRoom';
import { shopSyncOf } from '../../minishop/ShopSync';
import { isRefusal, type Refusal, refusal } from '../../platform/refusal';
import { database } from '../../records/db';
import { recordChange } from '../../staff/auditTrail';
import { findShippableOrder } from '../records/shipmentRecords';
import { docs } from './adminShipping.docs';

const orderParam = validate('param', z.object({ id: z.string().min(1).max(64) }));

/** Express parcels need a carrier and a waybill; which field is missing, if one is. */
const missingParcelField = (parcel: ShipOrder): 'deliveryId' | 'waybillId' | null =>
  parcel.deliveryId === undefined ? 'deliveryId' : parcel.waybillId === undefined ? 'waybillId' : null;

/**
 * Ships one order. A Mini-Shop order ships at the Mini-Shop first (its shop's object checks it
 * is neither shipped nor in after-sale, pushes `delivery/send`, then updates the local copy); a
 * mall order ships here, from paid only, with its parcel recorded. Express needs a carrier
 * (`deliveryId`) and a waybill (`waybillId`). The member's account room shows the new state.
 */
const shipOrder = async (env: Env, orderId: string, parcel: ShipOrder): Promise<{ status: 'shipped' } | Refusal> => {
  const db = database(env.DB);
  const order = await findShippableOrder(db, orderId);
  if (!order) return refusal(404, 'not_found', 'order not found', 'id');
  const express = order.miniShop ? order.miniShop.deliveryKind === 'express' : order.deliveryKind === 'express';
  const missing = express ? missingParcelField(parcel) : null;
  if (missing) throw new ApiError(400, 'invalid_input', `${missing}: an express order needs it`, missing);
  if (order.miniShop) {
    const { appid, sourceOrderId } = order.miniShop;
    const shipped = await shopSyncOf(env, appid).shipOrder(sourceOrderId, parcel);
    return 'refused' in shipped ? shipped : { status: 'shipped' };
  }
  const moved = await memberRoomOf(env, order.memberId).shipOrder(orderId, {
    carrier: parcel.deliveryId ?? null,
    waybill: parcel.waybillId ?? null,
  });
  return isRefusal(moved) ? moved : { status: 'shipped' };
};

/** An order's state for the audit log's before and after of shipping it. */
const orderState = async (env: Env, orderId: string) => {
  const order = await findShippableOrder(database(env.DB), orderId);
  return order && { status: order.status };
};

/** Shipping from the back office: one order, or a batch reported order by order; each shipment audited. */
export const adminShippingRoutes = new Hono<HubEnv>()
  .post('/:id/ship', docs.ship, orderParam, validate('json', shipOrderSchema), async (c) => {
    const { id } = c.req.valid('param');
    const before = await orderState(c.env, id);
    const shipped = unlessRefused(await shipOrder(c.env, id, c.req.valid('json')));
    recordChange(c, {
      entity: 'orders',
      id,
      before,
      after: { ...(await orderState(c.env, id)), parcel: c.req.valid('json') },
    });
    return c.json({ orderId: id, ...shipped });
  })
  .post('/ship', docs.shipBatch, validate('json', shipBatchSchema), async (c) => {
    const results = [];
    for (const { orderId, ...parcel } of c.req.valid('json').orders) {
      try {
        const before = await orderState(c.env, orderId);
        const outcome = await shipOrder(c.env, orderId, parcel);
        if (!('refused' in outcome)) {
          results.push({ orderId, outcome: 'shipped' as const });
          recordChange(c, {
            entity: 'orders',
            id: orderId,
            before,
            after: { ...(await orderState(c.env, orderId)), parcel },
          });
        } else {
          // Seed 002: what is already shipped is skipped; anything else (after-sale first) fails.
          const skipped = outcome.refused.code === 'already_shipped';
          results.push({
            orderId,
            outcome: skipped ? ('skipped' as const) : ('failed' as const),
            error: outcome.refused,
          });
        }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        results.push({ orderId, outcome: 'failed' as const, error: { code: error.code, message: error.message } });
      }
    }
    return c.json({ results });
  });
