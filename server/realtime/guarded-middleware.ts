import type { Logger } from '../logger.js';

type Next = (err?: Error & { data?: unknown }) => void;

/**
 * Wraps a namespace `use` middleware so a throw (synchronous, or a rejected promise) refuses that
 * one handshake with `connect_error` `{code:'internal'}` instead of escaping as an unhandled
 * rejection. The middleware still answers bad input itself with its own error and code.
 */
export function guardedMiddleware<S extends { id: string }>(
  log: Logger,
  nsp: string,
  middleware: (socket: S, next: Next) => Promise<void> | void,
) {
  return (socket: S, next: Next): void => {
    let settled = false;
    const once: Next = (err) => {
      if (settled) return;
      settled = true;
      next(err);
    };
    const failed = (err: unknown) => {
      log.error({ err, nsp, socketId: socket.id }, 'socket handshake middleware failed');
      once(
        Object.assign(new Error('The connection could not be set up; please try again.'), {
          data: { code: 'internal' },
        }),
      );
    };
    try {
      Promise.resolve(middleware(socket, once)).catch(failed);
    } catch (err) {
      failed(err);
    }
  };
}
