import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { HubEnv } from '../edge/hubEnv';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { matchedRoute } from './adminAccess';
import { actorOf, type Principal, principalOf } from './principal';
import { insertAuditEvent } from './records/auditRecords';

/** What a write changed, as the route that made it tells the audit log. */
export interface RecordedChange {
  /** The admin API's collection name: `skus`, `products`, `members`, `coupons`, `flash-sales`, `orders`, `staff`. */
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
}

const changes = new WeakMap<Context, RecordedChange[]>();

/** Adds an entity's before → after to the audit event of this request. */
export const recordChange = (c: Context, change: RecordedChange): void => {
  changes.set(c, [...(changes.get(c) ?? []), change]);
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies are kept up to this many characters; a bigger one is noted by its size only. */
const MAX_BODY_CHARS = 16_384;
const JSON_BODY = /^application\/([\w.-]+\+)?json/i;

/** Passwords never reach the log. */
const redacted = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redacted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, /password/i.test(key) ? '[redacted]' : redacted(inner)]),
  );
};

/** The request body as the log keeps it: JSON (passwords redacted), else its type and size. */
const bodyOf = async (c: Context): Promise<unknown> => {
  const contentType = c.req.header('Content-Type') ?? '';
  if (!JSON_BODY.test(contentType)) {
    return c.req.raw.body === null ? null : { contentType, bytes: Number(c.req.header('Content-Length') ?? 0) };
  }
  // Hono caches the text, so the route's validator reads the same body after this.
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) return { contentType, bytes: text.length };
  try {
    return redacted(JSON.parse(text));
  } catch {
    return { unparsed: text };
  }
};

/** The values of the route's `:name` segments in the request's path, in order. */
const routeParams = (route: string, path: string): string[] => {
  const pattern = route.slice(route.indexOf(' ') + 1).split('/');
  const actual = path.split('/');
  return pattern.flatMap((segment, i) => (segment.startsWith(':') ? [decodeURIComponent(actual[i] ?? '')] : []));
};

/** The collection an admin path writes to: `/api/admin/flash-sales/…` → `flash-sales`. */
const collectionOf = (path: string): string | null => path.split('/')[3] ?? null;

export interface SessionEvent {
  action: 'login' | 'login_failed' | 'login_locked' | 'logout';
  status: number;
  principal?: Principal;
  /** The login typed, for a failed or locked attempt with no principal. */
  login?: string;
  staffId?: string;
}

/** A login, a refused or locked login, or a logout, as an audit event. */
export const recordSessionEvent = async (c: Context, event: SessionEvent): Promise<void> => {
  const actor = actorOf(event.principal);
  await insertAuditEvent(database(c.env.DB), {
    at: clock.now(),
    ...actor,
    actorId: actor.actorId ?? event.staffId ?? null,
    actorLogin: actor.actorLogin ?? event.login ?? null,
    action: event.action,
    method: c.req.method,
    route: c.req.path,
    entity: 'staff',
    targetId: event.staffId ?? actor.actorId,
    status: event.status,
    body: null,
  });
};

/**
 * Writes an audit event for every admin write, refused ones included, once the answer is known:
 * who, the route pattern and target, the body, the status, and what the route recorded changing.
 */
export const auditWrites = createMiddleware<HubEnv>(async (c, next) => {
  const route = matchedRoute(c);
  if (!WRITE_METHODS.has(c.req.method) || route === undefined) return next();
  const body = await bodyOf(c);
  await next();
  const recorded = changes.get(c) ?? [];
  const [first] = recorded;
  const params = routeParams(route, c.req.path);
  await insertAuditEvent(database(c.env.DB), {
    at: clock.now(),
    ...actorOf(principalOf(c)),
    action: 'write',
    method: c.req.method,
    route: route.slice(route.indexOf(' ') + 1),
    entity: first?.entity ?? collectionOf(c.req.path),
    targetId: params.at(-1) ?? first?.id ?? null,
    status: c.res.status,
    body,
    changes: recorded,
  });
});
