import { AppError } from '../errors.js';

/** Over a limit: a 429 `rate_limited` that says when trying again will work. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(429, 'rate_limited', message);
  }
}
