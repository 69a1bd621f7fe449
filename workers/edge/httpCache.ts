import type { Context } from 'hono';

/**
 * Storefront reads are the same for every shopper, so the edge may keep them briefly and serve a
 * stale copy while it asks again; live changes reach open pages over their sockets meanwhile.
 */
export const SHOPPER_CACHE = 'public, max-age=10, stale-while-revalidate=60';
/** The category tree changes rarely. */
export const TREE_CACHE = 'public, max-age=60, stale-while-revalidate=300';
/** The API description and its page change only with a deploy. */
export const REFERENCE_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

const digest = async (text: string): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
    .slice(0, 16)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

/** Whether an `If-None-Match` header names `etag` (or `*`); weak and strong forms alike. */
export const matchesETag = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
};

/** A text answer with its cache policy and an ETag of its body; 304 when the caller has it already. */
export const cachedText = async (c: Context, text: string, contentType: string, cacheControl: string) => {
  const etag = `"${await digest(text)}"`;
  const headers = { 'Cache-Control': cacheControl, ETag: etag };
  if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(text, 200, { ...headers, 'Content-Type': contentType });
};

/** A JSON answer with its cache policy and an ETag of its body; 304 when the caller has it already. */
export const cachedJson = (c: Context, body: unknown, cacheControl: string): Promise<Response> =>
  cachedText(c, JSON.stringify(body), 'application/json; charset=UTF-8', cacheControl);
