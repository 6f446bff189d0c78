import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export type ClientAddress = (peer: string, forwardedFor?: string) => string;

/** The address per-address limits count: the peer, or what TRUST_PROXY lets X-Forwarded-For say. */
export function requestAddress(c: Context, clientAddress?: ClientAddress): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (app.request() in tests): one shared bucket
  }
  return clientAddress ? clientAddress(peer, c.req.header('x-forwarded-for')) : peer;
}
