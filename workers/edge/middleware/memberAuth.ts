import { createMiddleware } from 'hono/factory';
import { authenticate } from '../auth/memberSession';
import type { MemberEnv } from '../hubEnv';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Member routes need `Authorization: Bearer <member token>`; the session lands in `c.var.session`. */
export const memberAuth = createMiddleware<MemberEnv>(async (c, next) => {
  const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
  c.set('session', await authenticate(c.env, token));
  await next();
});
