import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { requestAddress, type ClientAddress } from './request-address.js';

export interface RateLimitOptions {
  /** Requests allowed per key per window. */
  max: number;
  windowMs: number;
  /** Keys remembered at once; the oldest window is forgotten first. */
  maxKeys?: number;
  now?: () => number;
  /** The address that counts, from the peer address and X-Forwarded-For (TRUST_PROXY); default the peer. */
  clientAddress?: ClientAddress;
}

/**
 * Fixed-window request limit per client address for public routes, in process memory (with
 * several server processes each enforces its own share). Over the limit: 429 with Retry-After.
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = opts.maxKeys ?? 10_000;
  const now = opts.now ?? Date.now;
  return async (c, next) => {
    const key = requestAddress(c, opts.clientAddress);
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= opts.windowMs) {
      windows.delete(key);
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > opts.max) {
      const retry = String(Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000)));
      const err = new AppError(429, 'rate_limited', `Too many requests; try again in ${retry} s.`);
      return c.json({ error: { code: err.code, message: err.message } }, 429, { 'Retry-After': retry });
    }
    await next();
  };
}
