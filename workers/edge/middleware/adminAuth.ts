import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { Env } from '../../env';
import { ApiError, errorBody, errorResponse } from '../errors';
import type { HubEnv } from '../hubEnv';

/** Admin routes need `Authorization: Bearer <ADMIN_TOKEN>`; anything else is a 401. */
export const adminAuth = bearerAuth<HubEnv>({
  verifyToken: (token, c) => c.env.ADMIN_TOKEN.length > 0 && timingSafeEqual(token, c.env.ADMIN_TOKEN),
  noAuthenticationHeader: { message: errorBody('unauthorized', 'admin bearer token required') },
  // Hono answers a non-Bearer header 400; a missing credential is a 401 whatever the scheme.
  invalidAuthenticationHeader: { message: () => errorResponse(401, 'unauthorized', 'admin bearer token required') },
  invalidToken: { message: errorBody('unauthorized', 'invalid admin token') },
});

/** The admin token where no header can carry it (`?token=` on `/sync/monitor`): none 401, wrong 403. */
export const checkAdminToken = async (env: Env, token: string | undefined): Promise<void> => {
  if (!token) throw new ApiError(401, 'unauthorized', 'admin token required');
  if (env.ADMIN_TOKEN.length === 0 || !(await timingSafeEqual(token, env.ADMIN_TOKEN))) {
    throw new ApiError(403, 'forbidden', 'not an admin token');
  }
};
