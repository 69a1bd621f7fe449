import { createMiddleware } from 'hono/factory';
import { authenticate, sessionOfToken } from '../../members/auth/memberSession';
import { bearerToken } from '../../members/auth/tokens';
import { memberRoomOf } from '../../members/MemberRoom';
import { ApiError, unlessRefused } from '../errors';
import type { MemberEnv } from '../hubEnv';

/** Member routes need `Authorization: Bearer <member token>`; the session lands in `c.var.session`. */
export const memberAuth = createMiddleware<MemberEnv>(async (c, next) => {
  c.set('session', await authenticate(c.env, bearerToken(c.req.header('Authorization'))));
  await next();
});

/**
 * The same for a route the member's own room answers and that room checks the member's standing
 * (placing an order, `workers/members/standing.ts`): the token's signature here, D1 not at all.
 * A request refused for its input never reached the room, so the room is asked then: a merged
 * member hears 401, to log in again, before what was wrong with the request.
 */
export const memberTokenAuth = createMiddleware<MemberEnv>(async (c, next) => {
  const session = await sessionOfToken(c.env, bearerToken(c.req.header('Authorization')));
  c.set('session', session);
  await next();
  if (c.error instanceof ApiError && (c.error.status === 400 || c.error.status === 415)) {
    unlessRefused(await memberRoomOf(c.env, session.memberId).standing());
  }
});
