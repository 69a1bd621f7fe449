import type { HonoRequest, MiddlewareHandler, ValidationTargets } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import type { z } from 'zod';
import { ApiError } from './errors';
import { unpairedSurrogateAt } from './unpairedSurrogate';

/** Names the first offending field the way a client wrote it: `skus.0.price`, `edits.2.color`. */
const fieldOf = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '');
  return path.join('.') || '(body)';
};

// The media types Hono's validator reads as JSON; it reads any other body as `{}`.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * A body that is not JSON is refused with a 415 before the schema sees it; no body at all is
 * left to the schema (a route whose fields are all optional takes a bare POST).
 */
const requireJsonBody = (request: HonoRequest): void => {
  const contentType = request.header('Content-Type');
  const hasBody = request.raw.body !== null && request.header('Content-Length') !== '0';
  const mediaType = contentType?.split(';')[0]?.trim() ?? '';
  if ((hasBody || contentType !== undefined) && !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new ApiError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
  }
};

/** The 400 for a failed schema: the first issue, naming its field. */
const refuse = (issues: readonly z.core.$ZodIssue[]): never => {
  const issue = issues[0];
  if (!issue) throw new ApiError(400, 'invalid_input', 'invalid input');
  const field = fieldOf(issue);
  const message = issue.code === 'unrecognized_keys' ? `unknown field ${field}` : `${field}: ${issue.message}`;
  throw new ApiError(400, 'invalid_input', message, field);
};

/**
 * zod validation for one request part; failures (and unpaired surrogates) become a 400 naming the
 * field. Built on hono-openapi's validator, which records the schema for `/api/openapi.json`.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) => {
  const described = validator(target, schema, (result) => {
    // zod's Standard Schema `validate` reports zod's own (finalized) issues.
    if (!result.success) refuse(result.error as readonly z.core.$ZodIssue[]);
  });
  // Same type as the validator, so routes still infer the validated part from it.
  const checked: typeof described = async (c, next) => {
    if (target === 'json') requireJsonBody(c.req);
    return described(c, async () => {
      // The parsed value is what reaches D1, so that is what is checked.
      const field = unpairedSurrogateAt(c.req.valid(target as never));
      if (field !== undefined) throw new ApiError(400, 'invalid_input', `${field}: unpaired UTF-16 surrogate`, field);
      await next();
    });
  };
  // hono-openapi finds a route's schemas by this mark on its handlers.
  return Object.assign(checked, {
    [uniqueSymbol]: (described as MiddlewareHandler & Record<symbol, unknown>)[uniqueSymbol],
  });
};
