import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterStore } from './limiter-store.js';
import { LIMIT_NAMES, type LimitName, type RateLimitSettings } from './limit-settings.js';
import { RateLimitedError } from './rate-limited-error.js';

const WHAT: Record<LimitName, string> = {
  'connect.address': 'Too many connections from your network',
  'message.conversation': 'You are sending messages too fast',
  'message.address': 'Too many messages from your network',
  'conversation.address': 'Too many new conversations from your network',
  'contact.conversation': 'Too many email changes',
  'sync.conversation': 'Too many refreshes',
  'page.conversation': 'Too many page changes',
  'csat.conversation': 'Too many ratings',
  'feedback.conversation': 'Too much feedback at once',
  'attachment.conversation': 'You are attaching files too fast',
  'attachment.address': 'Too many files from your network',
};

/**
 * The visitor-side limits (messages, conversations and sockets per address, each event type per
 * conversation), counted in the shared store so reconnecting or opening more sockets, or going
 * through another server process, does not reset them. Disabled: every call passes.
 */
export function createVisitorLimits(opts: { settings: RateLimitSettings; store: LimiterStore | null }) {
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  if (opts.settings.enabled) {
    if (!opts.store) throw new Error('rate limits are on but no limiter store was given');
    for (const name of LIMIT_NAMES)
      limiters.set(name, opts.store.limiter(`visitor:${name}`, opts.settings.rules[name]));
  }
  return {
    enabled: opts.settings.enabled,
    /** Counts one event for `key`; over the limit throws `RateLimitedError` with when to retry. */
    async consume(name: LimitName, key: string): Promise<void> {
      const limiter = limiters.get(name);
      if (!limiter) return;
      try {
        await limiter.consume(key);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const retryAfterMs = Math.max(1, Math.round(err.msBeforeNext));
        throw new RateLimitedError(
          `${WHAT[name]}; wait ${Math.ceil(retryAfterMs / 1000)} s and try again.`,
          retryAfterMs,
        );
      }
    },
  };
}
export type VisitorLimits = ReturnType<typeof createVisitorLimits>;
