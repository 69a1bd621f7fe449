import { zValidator } from '@hono/zod-validator';
import type { HonoRequest, ValidationTargets } from 'hono';
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

/** zod validation for one request part; failures (and unpaired surrogates) become a 400 naming the field. */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) => {
  const validator = zValidator(target, schema, (result) => {
    if (result.success) {
      const field = unpairedSurrogateAt(result.data);
      if (field !== undefined) throw new ApiError(400, 'invalid_input', `${field}: unpaired UTF-16 surrogate`, field);
      return;
    }
    const issue = result.error.issues[0];
    if (!issue) throw new ApiError(400, 'invalid_input', 'invalid input');
    const field = fieldOf(issue);
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${field}` : `${field}: ${issue.message}`;
    throw new ApiError(400, 'invalid_input', message, field);
  });
  if (target !== 'json') return validator;
  // Same type as the validator, so routes still infer the validated body from it.
  const checked: typeof validator = async (c, next) => {
    requireJsonBody(c.req);
    return validator(c, next);
  };
  return checked;
};
