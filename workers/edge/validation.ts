import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors';

/** Names the first offending field the way a client wrote it: `skus.0.price`, `edits.2.color`. */
const fieldOf = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '');
  return path.join('.') || '(body)';
};

/** zod validation for one request part; failures become a 400 naming the field. */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    if (!issue) throw new ApiError(400, 'invalid_input', 'invalid input');
    const field = fieldOf(issue);
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${field}` : `${field}: ${issue.message}`;
    throw new ApiError(400, 'invalid_input', message, field);
  });
