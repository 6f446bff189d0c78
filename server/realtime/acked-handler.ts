import type { z } from 'zod';
import { AppError, describeZodError } from '../errors.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../limits/rate-limited-error.js';

type AckFn = (
  a: ({ ok: true } & object) | { ok: false; error: { code: string; message: string; retryAfterMs?: number } },
) => void;

const INTERNAL = { code: 'internal', message: 'Something went wrong on our side; please try again.' } as const;

/**
 * Wraps a socket event handler: validates the payload with zod, runs the handler and answers
 * the ack with `{ok:true,...}` or `{ok:false,error}`. Nothing thrown escapes, synchronously or
 * not: an uncaught throw in a socket.io listener would take the whole process down.
 */
export function ackedHandler<S extends z.ZodType, R extends object>(
  schema: S,
  log: Logger,
  handler: (input: z.infer<S>) => Promise<R>,
): (payload: unknown, ack?: unknown) => void {
  return (...args: unknown[]) => {
    // socket.io passes the ack as the last argument: with no payload sent, it comes first.
    const [payload, ack] = args.length === 1 && typeof args[0] === 'function' ? [undefined, args[0]] : args;
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => undefined;
    const failed = (err: unknown) => {
      if (err instanceof AppError) {
        // Over a limit, the ack says when to retry: `{code:'rate_limited', message, retryAfterMs}`.
        reply({
          ok: false,
          error: {
            code: err.code,
            message: err.message,
            ...(err instanceof RateLimitedError ? { retryAfterMs: err.retryAfterMs } : {}),
          },
        });
      } else {
        log.error({ err }, 'socket handler failed');
        reply({ ok: false, error: INTERNAL });
      }
    };
    let pending: Promise<R>;
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        reply({ ok: false, error: { code: 'invalid_payload', message: describeZodError(parsed.error) } });
        return;
      }
      pending = handler(parsed.data);
    } catch (err) {
      failed(err);
      return;
    }
    pending.then((result) => reply({ ok: true, ...result }), failed);
  };
}
