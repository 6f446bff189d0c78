import type { Server } from 'socket.io';
import type { Logger } from '../logger.js';

/** Which turn holders are alive right now: null when that cannot be told (then only leases decide). */
export interface ClusterPeers {
  liveTokens(): Promise<readonly string[] | null>;
}

const EVENT = 'firstline:turn-token';

/**
 * Asks every other node of the cluster for its turn token over the socket.io adapter. The Redis
 * adapter expects an answer from each server subscribed to the cluster channel, and a killed
 * process loses its subscription the moment its connection closes, so a dead node's token is
 * simply missing from the answers, within one round trip instead of a lease. A node that is slow
 * to answer fails the whole ask (a timeout): nobody is declared dead on a hunch.
 */
export function createClusterPeers(io: Server, token: string, opts: { timeoutMs: number; log: Logger }): ClusterPeers {
  io.on(EVENT, (ack: (token: string) => void) => ack(token));
  return {
    liveTokens: () =>
      new Promise((resolve) => {
        // The adapter's own request timeout is 5 s; a sweep waits for this, so it gives up sooner.
        const timer = setTimeout(() => {
          opts.log.debug('a node did not say it is alive in time; turns wait for their leases');
          resolve(null);
        }, opts.timeoutMs);
        io.serverSideEmit(EVENT, (err: Error | null, responses: unknown[]) => {
          clearTimeout(timer);
          if (err) {
            opts.log.debug({ err }, 'a node did not say it is alive; turns wait for their leases');
            resolve(null);
          } else resolve([token, ...responses.filter((r): r is string => typeof r === 'string')]);
        });
      }),
  };
}

/** A process alone with its data (the embedded database): every other token is from an earlier run. */
export function soleNode(token: string): ClusterPeers {
  return { liveTokens: async () => [token] };
}
