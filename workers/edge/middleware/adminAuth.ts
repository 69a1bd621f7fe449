import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual } from 'hono/utils/buffer';
import { errorBody } from '../errors';
import type { HubEnv } from '../hubEnv';

/** Admin routes need `Authorization: Bearer <ADMIN_TOKEN>`; anything else is a 401. */
export const adminAuth = bearerAuth<HubEnv>({
  verifyToken: (token, c) => c.env.ADMIN_TOKEN.length > 0 && timingSafeEqual(token, c.env.ADMIN_TOKEN),
  noAuthenticationHeader: { message: errorBody('unauthorized', 'admin bearer token required') },
  invalidAuthenticationHeader: { message: errorBody('unauthorized', 'malformed Authorization header') },
  invalidToken: { message: errorBody('unauthorized', 'invalid admin token') },
});
