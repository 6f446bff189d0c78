import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterStore } from '../limits/limiter-store.js';

export interface LoginThrottleLimits {
  /** Failed sign-ins per account (email, known or not) within the window before it is locked. */
  maxFailuresPerAccount: number;
  /** Failed sign-ins per client address within the window before it is locked. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
  /** The first lock; each further lock within a day doubles it, up to maxBlockSeconds. */
  blockSeconds: number;
  maxBlockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 50,
  windowSeconds: 15 * 60,
  blockSeconds: 60,
  maxBlockSeconds: 60 * 60,
};

export interface LoginThrottleOptions {
  limits?: Partial<LoginThrottleLimits>;
  /**
   * The shared limit store (Redis with REDIS_URL: every server process counts together). Without
   * one, counts live in this process's memory and each process enforces the limits on its own.
   */
  store?: LimiterStore;
  keyPrefix?: string;
}

export interface LoginThrottle {
  /** Seconds this address or account must wait before trying again; 0 when it may try now. */
  retryAfter(address: string, account: string): Promise<number>;
  /** Counts a failed attempt; returns the wait it caused (0 while under the limits). */
  failed(address: string, account: string): Promise<number>;
  /** A right password: the account's failure count and lock history start over (the address's do not). */
  succeeded(account: string): Promise<void>;
}

const DAY_SECONDS = 24 * 3600;

/**
 * Brute-force protection for sign-in: failures are counted per address and per account; past a
 * limit the key is locked with exponential backoff. Stores are rate-limiter-flexible's, so the
 * same code runs on memory or Redis.
 */
export function createLoginThrottle(opts: LoginThrottleOptions = {}): LoginThrottle {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...opts.limits };
  const prefix = opts.keyPrefix ?? 'login';
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract =>
    opts.store
      ? opts.store.limiter(`${prefix}:${name}`, { points, seconds: duration })
      : new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
  const keys = [
    {
      kind: 'address',
      failures: limiter('address', limits.maxFailuresPerAddress, limits.windowSeconds),
      locks: limiter('address-locks', 1_000_000, DAY_SECONDS),
    },
    {
      kind: 'account',
      failures: limiter('account', limits.maxFailuresPerAccount, limits.windowSeconds),
      locks: limiter('account-locks', 1_000_000, DAY_SECONDS),
    },
  ] as const;
  const keyOf = (kind: 'address' | 'account', address: string, account: string) =>
    kind === 'address' ? address : account.toLowerCase();

  return {
    async retryAfter(address, account) {
      let wait = 0;
      for (const k of keys) {
        const res = await k.failures.get(keyOf(k.kind, address, account));
        if (res && res.consumedPoints >= k.failures.points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
      }
      return wait;
    },
    async failed(address, account) {
      let wait = 0;
      for (const k of keys) {
        const key = keyOf(k.kind, address, account);
        const res = await k.failures.penalty(key, 1);
        if (res.consumedPoints < k.failures.points) continue;
        const lock = await k.locks.penalty(key, 1);
        const seconds = Math.min(limits.maxBlockSeconds, limits.blockSeconds * 2 ** (lock.consumedPoints - 1));
        await k.failures.block(key, seconds);
        wait = Math.max(wait, seconds);
      }
      return wait;
    },
    async succeeded(account) {
      const key = account.toLowerCase();
      await Promise.all([keys[1].failures.delete(key), keys[1].locks.delete(key)]);
    },
  };
}
