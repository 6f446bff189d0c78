/** Size bounds shared by every surface, so the widget can refuse what the server would. */
export const LIMITS = {
  messageText: 4000,
  pageUrl: 2048,
  pageTitle: 300,
  clientMessageId: 100,
  /** Attachment ids one visitor message may reference. */
  attachmentsPerMessage: 5,
  visitorName: 200,
  email: 320,
  articleBody: 2_000_000,
  articleTitle: 300,
  searchQuery: 1000,
} as const;
