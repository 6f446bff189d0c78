import type { Logger } from '../logger.js';

/** With REDIS_URL, several server processes act as one: events reach sockets on every node. */
export async function createSocketAdapter(redisUrl: string | undefined, log: Logger, channel = 'socket.io') {
  if (!redisUrl) return null;
  // Only cluster mode loads the Redis client and adapter (together ~25 MB of a single node's memory).
  const [{ createAdapter }, { createClient }] = await Promise.all([
    import('@socket.io/redis-adapter'),
    import('redis'),
  ]);
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err) => log.error({ err }, 'redis connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  log.info('socket.io redis adapter enabled');
  return {
    factory: createAdapter(pub, sub, { key: channel }),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
