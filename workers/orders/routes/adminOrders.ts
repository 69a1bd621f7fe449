import { Hono } from 'hono';
import { adminOrderQuerySchema, orderIdParam } from '../../../shared/api/orders';
import { notFound, unlessRefused } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { memberRoomOf } from '../../members/MemberRoom';
import { type Database, database } from '../../records/db';
import { listOrders } from '../records/orderListing';
import { findOrderDetail } from '../records/orderRecords';
import { docs } from './adminOrders.docs';

const orderDetail = async (db: Database, orderId: string) => {
  const order = await findOrderDetail(db, orderId);
  if (!order) throw notFound('order', 'orderId');
  return order;
};

/** Every member's orders for the back office: a filtered, paged list, one order in full, completion. */
export const adminOrderRoutes = new Hono<HubEnv>()
  .get('/', docs.list, validate('query', adminOrderQuerySchema), async (c) =>
    c.json(await listOrders(database(c.env.DB), c.req.valid('query'))),
  )
  .get('/:orderId', docs.read, validate('param', orderIdParam), async (c) =>
    c.json(await orderDetail(database(c.env.DB), c.req.valid('param').orderId)),
  )
  .post('/:orderId/complete', docs.complete, validate('param', orderIdParam), async (c) => {
    const db = database(c.env.DB);
    const { memberId, id } = await orderDetail(db, c.req.valid('param').orderId);
    const move = { from: 'shipped', to: 'completed' } as const;
    unlessRefused(await memberRoomOf(c.env, memberId).advanceOrder(id, move));
    return c.json(await orderDetail(db, id));
  });
