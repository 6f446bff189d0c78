import type { Logger } from '../logger.js';

/**
 * Runs named background jobs on an interval, one pass at a time each, logging (never throwing)
 * failures. The jobs themselves are idempotent, so every node can run them.
 */
export function startTicker(jobs: Record<string, () => Promise<unknown>>, intervalMs: number, log: Logger) {
  const busy = new Set<string>();
  const runAll = () => {
    for (const [name, job] of Object.entries(jobs)) {
      if (busy.has(name)) continue;
      busy.add(name);
      job()
        .catch((err) => log.error({ err, job: name }, 'background job failed'))
        .finally(() => busy.delete(name));
    }
  };
  const timer = setInterval(runAll, intervalMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      while (busy.size) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
