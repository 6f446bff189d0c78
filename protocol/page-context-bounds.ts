/**
 * What `page.context` may hold (see `jsonObject` in bounded-json.ts); the widget drops anything beyond.
 * Apart from LIMITS because the widget checks the context in its loader, and the loader and the chat
 * chunk may share no module.
 */
export const PAGE_CONTEXT_BOUNDS = {
  /** Objects/arrays nested in `page.context`, the context itself being level 1. */
  maxDepth: 8,
  maxBytes: 8192,
  /** Values of any kind in `page.context`. */
  maxNodes: 1000,
} as const;
