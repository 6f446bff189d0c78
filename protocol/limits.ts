/** Size bounds shared by every surface, so the widget can refuse what the server would. */
export const LIMITS = {
  messageText: 4000,
  pageUrl: 2048,
  pageTitle: 300,
  pageContextBytes: 8192,
  /** Objects/arrays nested in `page.context`, the context itself being level 1. */
  pageContextDepth: 8,
  /** Values of any kind in `page.context`. */
  pageContextValues: 1000,
  clientMessageId: 100,
  /** Attachment ids one visitor message may reference. */
  attachmentsPerMessage: 5,
  visitorName: 200,
  email: 320,
  articleBody: 2_000_000,
  articleTitle: 300,
  searchQuery: 1000,
} as const;

/** What `page.context` may hold (see `jsonObject` in bounded-json.ts); the widget drops anything beyond. */
export const PAGE_CONTEXT_BOUNDS = { maxDepth: LIMITS.pageContextDepth, maxBytes: LIMITS.pageContextBytes, maxNodes: LIMITS.pageContextValues } as const;
