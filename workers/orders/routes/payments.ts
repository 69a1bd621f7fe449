import { Hono } from 'hono';
import { paymentIdParam, paymentNoticeSchema } from '../../../shared/api/payments';
import { ApiError, notFound, renderError, unlessRefused } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { memberRoomOf } from '../../members/MemberRoom';
import { database } from '../../records/db';
import { PAYMENT_SIGNATURE_HEADER, signNotification } from '../providers/notificationSignature';
import { paymentProvider } from '../providers/paymentProvider';
import { findPayment } from '../records/paymentRecords';
import { docs } from './payments.docs';

/**
 * `POST /api/payments/callback`: the provider's notification that a payment was collected. The
 * signature over the raw body is checked before anything is read (401 otherwise); the member's
 * room then pays the order or refuses the payment (the answer says which, with the reason).
 */
const callbackRoutes = new Hono<HubEnv>().onError(renderError).post(
  '/',
  docs.callback,
  async (c, next) => {
    const signature = c.req.header(PAYMENT_SIGNATURE_HEADER);
    if (!(await paymentProvider(c.env).verify(await c.req.text(), signature))) {
      throw new ApiError(401, 'bad_signature', 'payment notification signature missing or wrong');
    }
    await next();
  },
  validate('json', paymentNoticeSchema),
  async (c) => {
    const notice = c.req.valid('json');
    const payment = await findPayment(database(c.env.DB), notice.paymentId);
    if (!payment) throw notFound('payment', 'paymentId');
    return c.json(unlessRefused(await memberRoomOf(c.env, payment.memberId).settlePayment(notice)));
  },
);

/**
 * With `PAYMENT_PROVIDER=development` only: plays the shopper paying and the provider notifying.
 * It signs the notification a provider would send for the whole amount and delivers it through
 * the callback above, answering what the callback answered.
 */
const developmentRoutes = new Hono<HubEnv>()
  .use(async (c, next) => {
    if (c.env.PAYMENT_PROVIDER !== 'development') throw notFound('route');
    await next();
  })
  .post('/:paymentId/complete', docs.completeInDevelopment, validate('param', paymentIdParam), async (c) => {
    const payment = await findPayment(database(c.env.DB), c.req.valid('param').paymentId);
    if (!payment) throw notFound('payment', 'paymentId');
    const body = JSON.stringify({ paymentId: payment.id, amount: payment.amount });
    const signature = await signNotification(c.env.PAYMENT_SECRET, body);
    const headers = { 'Content-Type': 'application/json', [PAYMENT_SIGNATURE_HEADER]: signature };
    return callbackRoutes.request('/', { method: 'POST', headers, body }, c.env);
  });

export const paymentRoutes = new Hono<HubEnv>().route('/callback', callbackRoutes).route('/dev', developmentRoutes);
