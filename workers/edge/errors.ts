import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody } from '../platform/errorShape';
import { isRefusal, type Refusal } from '../platform/refusal';

export { errorBody, errorResponse } from '../platform/errorShape';

/** Thrown anywhere in a request; `renderError` turns it into the error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, field?: string) => new ApiError(404, 'not_found', `${what} not found`, field);

export const renderError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.field), error.status);
  if (error instanceof HTTPException) {
    // Middleware that built its own response (bearer auth, with our error shape) keeps it;
    // Hono's bare refusals (malformed JSON, wrong content type) get the error shape here.
    if (error.res) return error.getResponse();
    return c.json(errorBody('bad_request', error.message), error.status as ContentfulStatusCode);
  }
  console.error('unhandled error', error);
  return c.json(errorBody('internal', 'internal error'), 500);
};

/** The value of a strong operation, or its refusal thrown as the matching API error. */
export const unlessRefused = <T>(result: T): Exclude<T, Refusal> => {
  if (isRefusal(result)) {
    const { status, code, message, field } = result.refused;
    throw new ApiError(status, code, message, field);
  }
  return result as Exclude<T, Refusal>;
};
