/**
 * Which browser origins may open sockets. The widget runs on customers' own sites, so without
 * ALLOWED_ORIGINS any origin is reflected back (never `*`); with it, only those origins.
 */
export function allowOrigin(origin: string | undefined, allowed: readonly string[] | undefined): boolean | string {
  if (!origin) return true; // same-origin and non-browser clients send none
  if (!allowed || allowed.length === 0) return origin;
  return allowed.includes(origin) ? origin : false;
}
