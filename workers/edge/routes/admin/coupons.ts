import { Hono } from 'hono';
import { newCouponSchema } from '../../../../shared/api/coupons';
import { insertCoupon } from '../../../records/couponRecords';
import { database } from '../../../records/db';
import type { HubEnv } from '../../hubEnv';
import { validate } from '../../validation';

/** Coupons operators define; members claim them with `POST /api/coupons/:couponId/claim`. */
export const adminCouponRoutes = new Hono<HubEnv>().post('/', validate('json', newCouponSchema), async (c) =>
  c.json(await insertCoupon(database(c.env.DB), c.req.valid('json'), Date.now()), 201),
);
