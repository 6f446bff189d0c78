import { boundJson } from '../protocol/bounded-json.js';
import { PAGE_CONTEXT_BOUNDS } from '../protocol/page-context-bounds.js';

export type PageContext = Record<string, unknown>;

/**
 * Turns whatever the host passed to setContext into a plain JSON object within the server's size
 * limit, or undefined. The server rejects an oversized context, and a rejected handshake or message
 * would cost the visitor their chat, so the widget drops it here (with a console warning) instead.
 */
// In the loader: `setContext` is checked where the host calls it, so the chat chunk gets plain data.
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
  // The server's own bounds (size, nesting depth, number of values), checked the same way.
  const bounded = boundJson(JSON.parse(json), PAGE_CONTEXT_BOUNDS);
  if (!bounded.ok) {
    warn(`setContext value ${bounded.reason}; ignored`);
    return undefined;
  }
  const copy = bounded.value as PageContext;
  return Object.keys(copy).length > 0 ? copy : undefined;
}

function warn(message: string): void {
  console.warn('[firstline] ' + message);
}
