import { createMiddleware } from 'hono/factory';
import type { Env } from '../../env';
import { ApiError } from '../errors';
import type { HubEnv } from '../hubEnv';

/** The rate limiting bindings of `wrangler.toml`. */
type LimitBinding = { [K in keyof Env]-?: Env[K] extends RateLimit ? K : never }[keyof Env];

/**
 * Refuses a client address over its budget with 429 and `Retry-After`. The address is the one
 * Cloudflare sets; a request without it (only local development has none) shares one budget.
 */
export const perClientLimit = (binding: LimitBinding, periodSeconds: number, what: string) =>
  createMiddleware<HubEnv>(async (c, next) => {
    const key = c.req.header('CF-Connecting-IP') ?? 'local';
    const { success } = await c.env[binding].limit({ key });
    if (!success) {
      c.header('Retry-After', String(periodSeconds));
      throw new ApiError(429, 'rate_limited', `too many ${what} from this address; try again later`);
    }
    await next();
  });
