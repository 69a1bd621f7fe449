import { Hono } from 'hono';
import { bindIdentitySchema } from '../../../shared/api/auth';
import { ApiError } from '../../edge/errors';
import type { MemberEnv } from '../../edge/hubEnv';
import { memberAuth } from '../../edge/middleware/memberAuth';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { bindIdentities } from '../auth/bindIdentity';
import { verifyPhoneCode } from '../auth/phoneVerification';
import { wechatIdentities } from '../auth/wechatIdentities';
import { identitiesOf } from '../records/memberRecords';
import { addressRoutes } from './addresses';
import { docs } from './members.docs';

/** The calling member's own account. */
export const memberRoutes = new Hono<MemberEnv>()
  .use(memberAuth)
  .get('/me', docs.me, async (c) => {
    const { memberId, channel, role } = c.var.session;
    return c.json({ memberId, channel, role, identities: await identitiesOf(database(c.env.DB), memberId) });
  })
  .post('/me/identities', docs.bind, validate('json', bindIdentitySchema), async (c) => {
    const session = c.var.session;
    if (session.role === 'guest') throw new ApiError(403, 'forbidden', 'guests log in instead of binding');
    const body = c.req.valid('json');
    if (body.kind === 'phone') await verifyPhoneCode(c.env, body.phone, body.code);
    const identities =
      body.kind === 'phone'
        ? [{ kind: 'phone' as const, appId: '', value: body.phone }]
        : await wechatIdentities(c.env, session.channel, body.code);
    return c.json(await bindIdentities(c.env, session, identities));
  })
  .route('/me/addresses', addressRoutes);
