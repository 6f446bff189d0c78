import type { Logger } from './logger.js';

export interface ProcessGuardOptions {
  log: Logger;
  /** Closes what is open (HTTP and socket server, database); given `closeTimeoutMs` at most. */
  close: () => Promise<void>;
  closeTimeoutMs?: number;
  /** Tests pass their own; defaults to the real process. */
  proc?: Pick<NodeJS.Process, 'on' | 'exit'>;
}

/**
 * Last line of defence for the composition root: an uncaught exception or unhandled rejection is
 * logged as fatal with what it was, then the process closes what it can and exits with code 1,
 * so a supervisor restarts a clean process instead of one left in an unknown state.
 */
export function installProcessGuards(opts: ProcessGuardOptions): void {
  const { log, close, closeTimeoutMs = 5000 } = opts;
  const proc = opts.proc ?? process;
  let stopping = false;

  const fatal = (origin: 'uncaughtException' | 'unhandledRejection', reason: unknown) => {
    const err = reason instanceof Error ? reason : { message: String(reason) };
    log.fatal({ err, origin, shuttingDown: stopping }, `${origin}: shutting down`);
    if (stopping) return;
    stopping = true;
    void shutDown();
  };

  async function shutDown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
      timer.unref?.();
    });
    try {
      const outcome = await Promise.race([close().then(() => 'closed' as const), timedOut]);
      if (outcome === 'timeout') log.error({ closeTimeoutMs }, 'shutdown: closing took too long; exiting anyway');
    } catch (err) {
      log.error({ err }, 'shutdown: closing failed; exiting anyway');
    } finally {
      clearTimeout(timer);
    }
    // Exit once the log line is written; a destination that never answers must not keep us up.
    const fallback = setTimeout(() => proc.exit(1), 1000);
    log.flush(() => {
      clearTimeout(fallback);
      proc.exit(1);
    });
  }

  proc.on('uncaughtException', (err, origin) =>
    fatal(origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException', err),
  );
  proc.on('unhandledRejection', (reason) => fatal('unhandledRejection', reason));
}
