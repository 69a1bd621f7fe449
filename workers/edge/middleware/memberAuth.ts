import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../members/auth/memberSession';
import { bearerToken } from '../../members/auth/tokens';
import type { MemberEnv } from '../hubEnv';

/** Member routes need `Authorization: Bearer <member token>`; the session lands in `c.var.session`. */
export const memberAuth = createMiddleware<MemberEnv>(async (c, next) => {
  c.set('session', await authenticate(c.env, bearerToken(c.req.header('Authorization'))));
  await next();
});
