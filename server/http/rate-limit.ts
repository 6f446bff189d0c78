import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests allowed per key per window. */
  max: number;
  windowMs: number;
  /** Keys remembered at once; the oldest window is forgotten first. */
  maxKeys?: number;
  now?: () => number;
  /** The address that counts, from the peer address and X-Forwarded-For (TRUST_PROXY); default the peer. */
  clientAddress?: (peer: string, forwardedFor?: string) => string;
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
    let key = 'unknown';
    try {
      const peer = getConnInfo(c).remote.address ?? 'unknown';
      key = opts.clientAddress ? opts.clientAddress(peer, c.req.header('x-forwarded-for')) : peer;
    } catch {
      // Not served by @hono/node-server (app.request() in tests): one shared bucket.
    }
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
