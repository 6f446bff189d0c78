import type { IncomingMessage } from 'node:http';

/**
 * Which browser origins may open sockets. The widget runs on customers' own sites, so without
 * ALLOWED_ORIGINS any origin is reflected back (never `*`); with it, only those origins.
 */
export function allowOrigin(origin: string | undefined, allowed: readonly string[] | undefined): boolean | string {
  if (!origin) return true; // same-origin and non-browser clients send none
  if (!allowed || allowed.length === 0) return origin;
  return allowed.includes(origin) ? origin : false;
}

/**
 * socket.io's `allowRequest`: the origin check for every transport. `cors` only guards polling;
 * a WebSocket upgrade skips it, so without this any site could open sockets in its visitors'
 * browsers. Browsers always send Origin on a WebSocket, also same-origin (the console): an origin
 * whose host is the request's own Host is this server's pages and is always allowed.
 */
export function createOriginGate(allowed: readonly string[] | undefined) {
  return (req: IncomingMessage, cb: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (allowOrigin(origin, allowed) !== false || isSameOrigin(origin, req.headers.host)) return cb(null, true);
    cb(`Origin ${origin} is not allowed to connect: add it to ALLOWED_ORIGINS.`, false);
  };
}

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" and other non-URL origins are never this server
  }
}
