import { Hono } from 'hono';
import { newCouponSchema } from '../../../shared/api/coupons';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { insertCoupon } from '../records/couponRecords';

/** Coupons operators define; members claim them with `POST /api/coupons/:couponId/claim`. */
export const adminCouponRoutes = new Hono<HubEnv>().post('/', validate('json', newCouponSchema), async (c) =>
  c.json(await insertCoupon(database(c.env.DB), c.req.valid('json'), clock.now()), 201),
);
