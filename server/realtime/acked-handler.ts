import type { z } from 'zod';
import { AppError, describeZodError } from '../errors.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../limits/rate-limited-error.js';

type AckFn = (a: { ok: true } & object | { ok: false; error: { code: string; message: string; retryAfterMs?: number } }) => void;

/**
 * Wraps a socket event handler: validates the payload with zod, runs the handler and answers
 * the ack with `{ok:true,...}` or `{ok:false,error}`. Nothing thrown escapes unlogged.
 */
export function ackedHandler<S extends z.ZodType, R extends object>(
  schema: S,
  log: Logger,
  handler: (input: z.infer<S>) => Promise<R>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, error: { code: 'invalid_payload', message: describeZodError(parsed.error) } });
      return;
    }
    handler(parsed.data).then(
      (result) => reply({ ok: true, ...result }),
      (err: unknown) => {
        if (err instanceof AppError) {
          // Over a limit, the ack says when to retry: `{code:'rate_limited', message, retryAfterMs}`.
          reply({ ok: false, error: { code: err.code, message: err.message, ...(err instanceof RateLimitedError ? { retryAfterMs: err.retryAfterMs } : {}) } });
        } else {
          log.error({ err }, 'socket handler failed');
          reply({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side; please try again.' } });
        }
      },
    );
  };
}
