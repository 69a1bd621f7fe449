import { Hono } from 'hono';
import {
  guestLoginSchema,
  phoneCodeRequestSchema,
  phoneLoginSchema,
  wechatLoginSchema,
} from '../../../shared/api/auth';
import type { HubEnv } from '../../edge/hubEnv';
import { memberAuth } from '../../edge/middleware/memberAuth';
import { perClientLimit } from '../../edge/middleware/perClientLimit';
import { validate } from '../../edge/validation';
import { logIn, logInGuest, sessionFor } from '../auth/login';
import { sendPhoneCode, verifyPhoneCode } from '../auth/phoneVerification';
import { bearerToken } from '../auth/tokens';
import { wechatIdentities } from '../auth/wechatIdentities';
import { docs } from './auth.docs';

/**
 * Logins on any channel; each answers a session (`shared/api/auth.ts`). A guest token sent along
 * as the bearer merges that guest's cart into the member's. `renew` trades a token that still
 * works for a fresh one of the same member, channel and role.
 */
export const authRoutes = new Hono<HubEnv>()
  .post('/phone/code', docs.phoneCode, validate('json', phoneCodeRequestSchema), async (c) => {
    const expiresAt = await sendPhoneCode(c.env, c.req.valid('json').phone);
    return c.json({ sent: true, expiresAt });
  })
  .post('/phone', docs.phone, validate('json', phoneLoginSchema), async (c) => {
    const { channel, phone, code } = c.req.valid('json');
    await verifyPhoneCode(c.env, phone, code);
    const identities = [{ kind: 'phone' as const, appId: '', value: phone }];
    return c.json(await logIn(c.env, identities, channel, bearerToken(c.req.header('Authorization'))));
  })
  .post('/wechat', docs.wechat, validate('json', wechatLoginSchema), async (c) => {
    const { channel, code } = c.req.valid('json');
    const identities = await wechatIdentities(c.env, channel, code);
    return c.json(await logIn(c.env, identities, channel, bearerToken(c.req.header('Authorization'))));
  })
  .post(
    '/guest',
    docs.guest,
    perClientLimit('GUEST_LOGINS', 60, 'guest sessions'),
    validate('json', guestLoginSchema),
    async (c) => c.json(await logInGuest(c.env, c.req.valid('json').channel), 201),
  )
  .post('/renew', docs.renew, memberAuth, async (c) => {
    const { memberId, channel, role } = c.var.session;
    return c.json(await sessionFor(c.env, memberId, channel, role));
  });
