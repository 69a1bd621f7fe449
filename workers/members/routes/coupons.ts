import { Hono } from 'hono';
import { couponIdParam } from '../../../shared/api/coupons';
import { unlessRefused } from '../../edge/errors';
import type { MemberEnv } from '../../edge/hubEnv';
import { memberAuth } from '../../edge/middleware/memberAuth';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { memberRoomOf } from '../MemberRoom';
import { claimableCoupons } from '../records/claimableCoupons';
import { docs } from './coupons.docs';

/**
 * Coupons as members see them: offered and claimed on the token's channel (one of the coupon's),
 * shown in `account:` on all four.
 */
export const couponRoutes = new Hono<MemberEnv>()
  .use(memberAuth)
  .get('/', docs.offered, async (c) => {
    const { memberId, channel } = c.var.session;
    return c.json({ coupons: await claimableCoupons(database(c.env.DB), memberId, channel, clock.now()) });
  })
  .post('/:couponId/claim', docs.claim, validate('param', couponIdParam), async (c) => {
    const { memberId, channel } = c.var.session;
    const { couponId } = c.req.valid('param');
    const claimed = unlessRefused(await memberRoomOf(c.env, memberId).claimCoupon(couponId, channel));
    return c.json({ claimId: claimed.claimId, couponId }, 201);
  });
