import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';

export interface LimiterOptions {
  points: number;
  seconds: number;
  /** Once over the limit, refuse for this long (default: until the window ends). */
  blockSeconds?: number;
}

/**
 * One place where rate-limit counters live, shared by every limiter in the process: Redis when
 * REDIS_URL is set (so every server process counts together), process memory otherwise.
 */
export interface LimiterStore {
  readonly kind: 'redis' | 'memory';
  /** A `rate-limiter-flexible` limiter whose keys live under `<prefix><name>:`. */
  limiter(name: string, opts: LimiterOptions): RateLimiterAbstract;
  close(): Promise<void>;
}

export async function createLimiterStore(opts: {
  redisUrl?: string;
  prefix: string;
  log: Logger;
}): Promise<LimiterStore> {
  const memory = (name: string, o: LimiterOptions) =>
    new RateLimiterMemory({
      keyPrefix: `${opts.prefix}${name}`,
      points: o.points,
      duration: o.seconds,
      blockDuration: o.blockSeconds ?? 0,
    });
  if (!opts.redisUrl) return { kind: 'memory', limiter: memory, close: async () => undefined };

  // Only cluster mode loads the Redis client.
  const { createClient } = await import('redis');
  const client = createClient({ url: opts.redisUrl });
  client.on('error', (err) =>
    opts.log.error({ err }, 'redis connection error (rate limits fall back to per-process memory until it is back)'),
  );
  await client.connect();
  return {
    kind: 'redis',
    limiter: (name, o) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        keyPrefix: `${opts.prefix}${name}`,
        points: o.points,
        duration: o.seconds,
        blockDuration: o.blockSeconds ?? 0,
        // A Redis outage must not stop every chat: count in this process's memory meanwhile.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory(name, o),
      }),
    async close() {
      await client.quit().catch((err: unknown) => opts.log.warn({ err }, 'closing the rate-limit redis client failed'));
    },
  };
}
