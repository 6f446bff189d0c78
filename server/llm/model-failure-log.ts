import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { ModelError } from './chat-model.js';

export interface ModelFailureLogOptions {
  log: Logger;
  /** The model's name, as configured (OPENAI_CHAT_MODEL). */
  model: string;
  /** What the call was for, e.g. "intent check": starts the log message. */
  task: string;
  clock: Clock;
  /** At most one line per distinct error message in this window (default one minute). */
  everyMs?: number;
}

/** Distinct messages remembered at once; a flood of ever-different messages cannot grow the map. */
const MAX_REMEMBERED = 100;

/**
 * Reports failed model calls to the operator: one line per failure with the model, the error and
 * what to check, rate-limited per error message (a dead endpoint fails every turn the same way),
 * with the number of identical failures left out since the last line. Transient trouble (time-outs,
 * rate limits, server errors) is a warning; anything that points at the configuration is an error.
 */
export function createModelFailureLog(opts: ModelFailureLogOptions): (err: unknown) => void {
  const everyMs = opts.everyMs ?? 60_000;
  const seen = new Map<string, { at: number; skipped: number }>();
  return (err) => {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    const now = opts.clock().getTime();
    const last = seen.get(error);
    if (last && now - last.at < everyMs) {
      last.skipped += 1;
      return;
    }
    seen.delete(error);
    if (seen.size >= MAX_REMEMBERED) seen.delete(seen.keys().next().value!);
    seen.set(error, { at: now, skipped: 0 });
    const { level, hint } = modelFailureHint(err);
    const fields = {
      model: opts.model,
      error,
      ...(err instanceof ModelError && err.status !== undefined ? { status: err.status } : {}),
      ...(last?.skipped ? { repeats: last.skipped } : {}),
    };
    opts.log[level](fields, `LLM ${opts.task} failed with model "${opts.model}": ${hint}`);
  };
}

/** What the operator should check, from how the call failed. */
export function modelFailureHint(err: unknown): { level: 'warn' | 'error'; hint: string } {
  const kept = 'The local result was used instead.';
  if (!(err instanceof ModelError))
    return {
      level: 'error',
      hint: `unexpected failure; check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_CHAT_MODEL. ${kept}`,
    };
  switch (err.kind) {
    case 'timeout':
      return {
        level: 'warn',
        hint:
          `the model did not answer in time; check that OPENAI_BASE_URL is reachable and not overloaded, ` +
          `or raise OPENAI_TIMEOUT_MS. ${kept}`,
      };
    case 'unreachable':
      return {
        level: 'error',
        hint: `the endpoint cannot be reached; check OPENAI_BASE_URL and that the server behind it is up. ${kept}`,
      };
    case 'output':
      return {
        level: 'error',
        hint:
          `the model's answer was unusable; ` +
          `choose an OPENAI_CHAT_MODEL that follows JSON schemas (structured output). ${kept}`,
      };
    case 'http': {
      const status = err.status ?? 0;
      if (status === 401 || status === 403)
        return {
          level: 'error',
          hint: `the endpoint refused the credentials (HTTP ${status}); check OPENAI_API_KEY. ${kept}`,
        };
      if (status === 404)
        return {
          level: 'error',
          hint:
            `the endpoint does not know this model or path (HTTP 404); ` +
            `check OPENAI_CHAT_MODEL and OPENAI_BASE_URL (usually ending in /v1). ${kept}`,
        };
      if (status === 429)
        return {
          level: 'warn',
          hint:
            `the endpoint is rate-limiting this key or it is out of quota (HTTP 429); ` +
            `check the account's limits and billing. ${kept}`,
        };
      if (status >= 500)
        return {
          level: 'warn',
          hint:
            `the endpoint had a server error (HTTP ${status}); if it persists, ` +
            `check the provider's status or OPENAI_BASE_URL. ${kept}`,
        };
      return {
        level: 'error',
        hint:
          `the endpoint rejected the request (HTTP ${status}); ` +
          `check that OPENAI_CHAT_MODEL exists and supports structured output. ${kept}`,
      };
    }
  }
}
