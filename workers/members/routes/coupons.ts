import { Hono } from 'hono';
import { couponIdParam } from '../../../shared/api/coupons';
import { unlessRefused } from '../../edge/errors';
import type { MemberEnv } from '../../edge/hubEnv';
import { memberAuth } from '../../edge/middleware/memberAuth';
import { validate } from '../../edge/validation';
import { memberRoomOf } from '../MemberRoom';

/** Coupons as members see them: claimed on any channel, shown in `account:` on all four. */
export const couponRoutes = new Hono<MemberEnv>()
  .use(memberAuth)
  .post('/:couponId/claim', validate('param', couponIdParam), async (c) => {
    const { memberId, channel } = c.var.session;
    const { couponId } = c.req.valid('param');
    const claimed = unlessRefused(await memberRoomOf(c.env, memberId).claimCoupon(couponId, channel));
    return c.json({ claimId: claimed.claimId, couponId }, 201);
  });
