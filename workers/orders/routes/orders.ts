import { Hono } from 'hono';
import { idempotencyKeySchema, newOrderSchema, orderIdParam } from '../../../shared/api/orders';
import { payOrderSchema } from '../../../shared/api/payments';
import { ApiError, notFound, unlessRefused } from '../../edge/errors';
import type { MemberEnv } from '../../edge/hubEnv';
import { memberAuth, memberTokenAuth } from '../../edge/middleware/memberAuth';
import { sessionChannel } from '../../edge/sessionChannel';
import { validate } from '../../edge/validation';
import { memberRoomOf } from '../../members/MemberRoom';
import { docs } from './orders.docs';

const IDEMPOTENCY_KEY = 'Idempotency-Key';

const idempotencyKeyOf = (header: string | undefined): string => {
  const key = idempotencyKeySchema.safeParse(header);
  if (!key.success) throw new ApiError(400, 'invalid_input', `${IDEMPOTENCY_KEY} header is required`, IDEMPOTENCY_KEY);
  return key.data;
};

/**
 * A member's orders. Placing, cancelling, paying and confirming receipt are strong operations in
 * the member's own room, and reads ask it too: an order just placed may still be in its outbox on
 * the way to D1 (`orderOutbox.ts`); a replayed create answers 200 with the order the first call made (201).
 * An order is placed on its token's channel; paying works with a token from any channel,
 * whichever channel placed the order. Placing asks the member's room alone, which knows whether
 * its member was merged away (`standing.ts`): no D1 read stands between a shopper and the order.
 */
export const orderRoutes = new Hono<MemberEnv>()
  .post('/', docs.place, memberTokenAuth, validate('json', newOrderSchema), async (c) => {
    const { session } = c.var;
    const key = idempotencyKeyOf(c.req.header(IDEMPOTENCY_KEY));
    const { channel: named, ...order } = c.req.valid('json');
    const request = { ...order, channel: sessionChannel(session, named) };
    const placed = unlessRefused(await memberRoomOf(c.env, session.memberId).placeOrder(key, request));
    return c.json(placed.order, placed.created ? 201 : 200);
  })
  .use(memberAuth)
  .get('/', docs.list, async (c) => c.json({ orders: await memberRoomOf(c.env, c.var.session.memberId).orders() }))
  .get('/:orderId', docs.read, validate('param', orderIdParam), async (c) => {
    const order = await memberRoomOf(c.env, c.var.session.memberId).order(c.req.valid('param').orderId);
    if (!order) throw notFound('order', 'orderId');
    return c.json(order);
  })
  .post('/:orderId/cancel', docs.cancel, validate('param', orderIdParam), async (c) => {
    const { memberId } = c.var.session;
    const { orderId } = c.req.valid('param');
    return c.json(unlessRefused(await memberRoomOf(c.env, memberId).cancelOrder(orderId)));
  })
  .post('/:orderId/pay', docs.pay, validate('param', orderIdParam), validate('json', payOrderSchema), async (c) => {
    const { memberId } = c.var.session;
    const { orderId } = c.req.valid('param');
    const { method } = c.req.valid('json');
    return c.json(unlessRefused(await memberRoomOf(c.env, memberId).payOrder(orderId, method)));
  })
  .post('/:orderId/confirm', docs.confirm, validate('param', orderIdParam), async (c) => {
    const { memberId } = c.var.session;
    const { orderId } = c.req.valid('param');
    const move = { from: 'shipped', to: 'completed' } as const;
    return c.json(unlessRefused(await memberRoomOf(c.env, memberId).advanceOrder(orderId, move)));
  });
