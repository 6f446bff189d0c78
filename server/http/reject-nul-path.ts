import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

/**
 * A `%00` in the path reaches route params (ids) and PostgreSQL cannot compare text with a NUL in
 * it, so the query failed as a 500. No id or page holds a NUL, so such a path is refused up front.
 */
export const rejectNulPath: MiddlewareHandler = async (c, next) => {
  if (c.req.path.includes('\u0000'))
    throw new AppError(400, 'invalid_path', 'The URL path must not contain NUL characters (%00).');
  await next();
};
