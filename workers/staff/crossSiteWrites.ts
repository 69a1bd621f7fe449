import type { Context } from 'hono';
import { ApiError } from '../edge/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses an unsafe request that a cookie would authenticate unless the browser says it came from
 * this origin (`Origin`, or `Sec-Fetch-Site: same-origin`). Hono's `csrf()` (`hono/csrf`) checks
 * only form and text bodies, and a JSON write made with the staff cookie from a foreign page must be
 * refused too; SameSite=Strict is the second line.
 */
export const refuseCrossSiteWrite = (c: Context): void => {
  if (SAFE_METHODS.has(c.req.method)) return;
  if (c.req.header('Sec-Fetch-Site') === 'same-origin') return;
  if (c.req.header('Origin') === new URL(c.req.url).origin) return;
  throw new ApiError(403, 'forbidden', 'a write with the staff cookie must come from this origin');
};
