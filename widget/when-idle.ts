/**
 * Runs `fn` once the browser is idle (after `timeoutMs` at the latest), so work the launcher does not
 * need stays out of the host page's busy moments. Where requestIdleCallback is missing (Safari), a
 * plain timer after `fallbackMs` stands in.
 */
export function whenIdle(fn: () => void, timeoutMs: number, fallbackMs = 1_000): void {
  if (window.requestIdleCallback) window.requestIdleCallback(fn, { timeout: timeoutMs });
  else setTimeout(fn, fallbackMs);
}
