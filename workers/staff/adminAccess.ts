import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { timingSafeEqual } from 'hono/utils/buffer';
import { ApiError } from '../edge/errors';
import type { HubEnv } from '../edge/hubEnv';
import { bearerToken } from '../members/auth/tokens';
import { refuseCrossSiteWrite } from './crossSiteWrites';
import { mayDo, ROUTE_PERMISSIONS } from './permissions';
import { type Principal, principalOf, roleOf, setPrincipal } from './principal';
import { clearSessionCookie, currentSession, hasSessionCookie } from './sessionCookie';

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/**
 * Who calls an admin route: `Authorization: Bearer <ADMIN_TOKEN>` (the API key for scripts, acting
 * as owner) or a live staff session cookie, whose writes must come from this origin. Anything
 * else is a 401. The principal is then in `principalOf(c)`.
 */
export const identifyCaller = createMiddleware<HubEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  let principal: Principal;
  if (header !== undefined) {
    const token = bearerToken(header);
    const apiKey = c.env.ADMIN_TOKEN;
    if (!token || apiKey.length === 0 || !(await timingSafeEqual(token, apiKey))) {
      throw unauthorized('invalid admin token');
    }
    principal = { kind: 'api-key' };
  } else {
    const session = await currentSession(c);
    if (!session) {
      if (hasSessionCookie(c)) clearSessionCookie(c);
      throw unauthorized('sign in, or send the admin bearer token');
    }
    refuseCrossSiteWrite(c);
    principal = { kind: 'staff', ...session };
  }
  setPrincipal(c, principal);
  await next();
});

/** The route the request matched, as the app registered it (`PATCH /api/admin/skus/:skuId`); undefined for none. */
export const matchedRoute = (c: Parameters<typeof matchedRoutes>[0]): string | undefined => {
  const route = matchedRoutes(c).find((entry) => entry.method !== 'ALL');
  return route && `${c.req.method} ${route.path}`;
};

/** Each admin route's permission (`permissions.ts`) against the caller's role: 403 naming what was needed. */
export const requirePermission = createMiddleware<HubEnv>(async (c, next) => {
  const route = matchedRoute(c);
  // No route matched: the app's 404 answers.
  if (route === undefined) return next();
  const principal = principalOf(c);
  const needed = ROUTE_PERMISSIONS[route];
  if (!principal) throw unauthorized('sign in, or send the admin bearer token');
  if (!needed) throw new ApiError(403, 'forbidden', `${route} names no permission`);
  if (!mayDo(roleOf(principal), needed)) {
    throw new ApiError(
      403,
      'forbidden',
      `this needs the ${needed} permission, which the ${roleOf(principal)} role lacks`,
    );
  }
  await next();
});
