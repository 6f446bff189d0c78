import type { PageInfo } from '../protocol/domain.js';
import { LIMITS } from '../protocol/limits.js';

export type PageContext = Record<string, unknown>;

/**
 * Turns whatever the host passed to setContext into a plain JSON object within the server's size
 * limit, or undefined. The server rejects an oversized context, and a rejected handshake or message
 * would cost the visitor their chat, so the widget drops it here (with a console warning) instead.
 */
export function normalizeContext(input: unknown): PageContext | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) {
    warn('setContext expects a plain object');
    return undefined;
  }
  let json: string;
  try {
    json = JSON.stringify(input); // drops functions and undefined, throws on cycles
  } catch {
    warn('setContext value is not serializable');
    return undefined;
  }
  if (byteLength(json) > LIMITS.pageContextBytes) {
    warn(`setContext value is larger than ${LIMITS.pageContextBytes} bytes of JSON; ignored`);
    return undefined;
  }
  const copy = JSON.parse(json) as PageContext;
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/** The page description sent with the handshake, each message and each route change. */
export function buildPageInfo(url: string, title: string, context: PageContext | undefined): PageInfo {
  const page: PageInfo = {
    url: url.slice(0, LIMITS.pageUrl),
    title: (title || '').trim().slice(0, LIMITS.pageTitle),
  };
  if (context) page.context = context;
  return page;
}

function byteLength(s: string): number {
  return typeof TextEncoder === 'function' ? new TextEncoder().encode(s).length : s.length * 3;
}

function warn(message: string): void {
  console.warn('[firstline] ' + message);
}
