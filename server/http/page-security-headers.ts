import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface PageSecurityOptions {
  /** Who may frame the page: nobody for the console (clickjacking), the same origin for the demo app. */
  frameAncestors: "'none'" | "'self'";
}

/** A plain `host[:port]` (or `[v6]:port`); anything else never reaches the header. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The socket.io endpoint of the host that served the page. CSP 3 counts same-host ws(s) as
 * 'self', but older Safari does not, so they are named explicitly.
 */
function sameHostSockets(c: Context): string {
  const host = c.req.header('host') ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

/**
 * Headers for the HTML pages and their assets (console, demo app): a strict Content-Security-Policy
 * with no inline or eval'd script and no inline style (the widget adopts a constructed stylesheet),
 * `nosniff`, a referrer policy and framing rules.
 */
export function pageSecurityHeaders({ frameAncestors }: PageSecurityOptions): MiddlewareHandler {
  return secureHeaders({
    crossOriginEmbedderPolicy: false,
    xFrameOptions: frameAncestors === "'none'" ? 'DENY' : 'SAMEORIGIN',
    referrerPolicy: 'same-origin',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // blob: the console's previews of visitors' screenshots, fetched with the agent's token.
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", sameHostSockets],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: [frameAncestors],
    },
  });
}
