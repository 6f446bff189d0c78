import { z } from 'zod';
import { text } from './clean-text.js';
import { LIMITS } from './limits.js';
import { ConversationStatus, UserRole } from './domain.js';

export const LoginBody = z.object({
  email: text().trim().toLowerCase().email().max(LIMITS.email),
  password: text().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** `POST /api/auth/password`: the new password must pass the server's strength check. */
export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const ArticleBody = z.object({
  title: text().trim().min(1).max(LIMITS.articleTitle),
  body: text().trim().min(1, 'article body is empty').max(LIMITS.articleBody),
  format: z.enum(['markdown', 'html', 'text']).default('markdown'),
  url: text().max(LIMITS.pageUrl).optional(),
  pages: z.array(text().min(1).max(300)).max(100).default([]),
  tags: z.array(text().min(1).max(100)).max(100).default([]),
  /** ISO 639-1 language of the article (`de`, `fr-CA`...); detected from the text when absent. */
  lang: text()
    .trim()
    .regex(/^[a-zA-Z]{2}([-_][a-zA-Z0-9]{2,8})*$/, 'lang must be a language code such as "de" or "fr-CA"')
    .optional(),
});
export type ArticleBody = z.infer<typeof ArticleBody>;

export const SearchBody = z.object({
  query: text().trim().min(1).max(LIMITS.searchQuery),
  pageUrl: text().max(LIMITS.pageUrl).optional(),
  k: z.number().int().min(1).max(50).default(5),
});
export type SearchBody = z.infer<typeof SearchBody>;

/** The name customers see for an agent ("Maya joined"): short, one line, never empty. */
export const DisplayName = text()
  .trim()
  .min(1, 'display name is empty')
  .max(40, 'display name: at most 40 characters')
  .regex(/^[^\n\r\t<>]+$/, 'display name: one line, without < or >');

/** `PUT /api/auth/profile`: what customers call me. */
export const ProfileBody = z.object({ displayName: DisplayName });
export type ProfileBody = z.infer<typeof ProfileBody>;

export const AgentBody = z.object({
  email: text().trim().toLowerCase().email().max(LIMITS.email),
  name: text().trim().min(1).max(200),
  displayName: DisplayName.optional(),
  password: text().min(8, 'password must be at least 8 characters').max(200),
  role: UserRole.default('agent'),
  skills: z.array(text().min(1).max(100)).max(100).default([]),
  maxConcurrent: z.number().int().min(1).max(100).default(5),
});
export type AgentBody = z.infer<typeof AgentBody>;

export const ConversationsQuery = z.object({ status: ConversationStatus.optional() });

/** `GET /api/conversations/search`: full text over messages, visitor name and email, newest first. */
export const CONVERSATION_SEARCH_LIMITS = { query: 200, pageSize: 50, maxOffset: 1000 } as const;
export const ConversationSearchQuery = z.object({
  q: text().trim().min(2, 'type at least 2 characters').max(CONVERSATION_SEARCH_LIMITS.query),
  limit: z.coerce.number().int().min(1).max(CONVERSATION_SEARCH_LIMITS.pageSize).default(20),
  offset: z.coerce.number().int().min(0).max(CONVERSATION_SEARCH_LIMITS.maxOffset).default(0),
});
export type ConversationSearchQuery = z.infer<typeof ConversationSearchQuery>;

export const ConversationSearchHit = z.object({
  conversationId: z.string(),
  status: ConversationStatus,
  visitor: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What matched: a message (its text cut around the match), or the visitor's name or email. */
  match: z.object({
    field: z.enum(['message', 'name', 'email']),
    text: z.string(),
    role: z.string().nullable(),
    at: z.string().nullable(),
  }),
});
export type ConversationSearchHit = z.infer<typeof ConversationSearchHit>;
export const ConversationSearchResponse = z.object({
  results: z.array(ConversationSearchHit),
  nextOffset: z.number().int().nullable(),
});
export type ConversationSearchResponse = z.infer<typeof ConversationSearchResponse>;

/**
 * `GET /api/conversations/:id/history`: the visitor's other conversations (same visitor, or the same verified email).
 */
export const VisitorHistoryItem = z.object({
  id: z.string(),
  status: ConversationStatus,
  createdAt: z.string(),
  /** The visitor's first message, cut to 200 characters. */
  firstQuestion: z.string().nullable(),
});
export type VisitorHistoryItem = z.infer<typeof VisitorHistoryItem>;
export const VisitorHistoryResponse = z.object({ conversations: z.array(VisitorHistoryItem) });
export type VisitorHistoryResponse = z.infer<typeof VisitorHistoryResponse>;

export const MetricsQuery = z.object({
  from: text().datetime({ offset: true }).optional(),
  to: text().datetime({ offset: true }).optional(),
});

/** `GET /api/reports/escalations`: the range, and Markdown or CSV. */
export const ReportQuery = MetricsQuery.extend({ format: z.enum(['md', 'csv']).default('md') });

export const WorkingHoursBody = z.object({
  timezone: text().min(1).max(64),
  days: z.array(z.number().int().min(0).max(6)).max(7),
  start: text().regex(/^\d{2}:\d{2}$/, 'use HH:MM'),
  end: text().regex(/^\d{2}:\d{2}$/, 'use HH:MM'),
});

export const AgentPatchBody = z
  .object({
    name: text().trim().min(1).max(200),
    role: UserRole,
    skills: z.array(text().min(1).max(100)).max(100),
    maxConcurrent: z.number().int().min(1).max(100),
    level: z.enum(['agent', 'senior', 'manager']),
    teamId: text().max(100).nullable(),
    onCall: z.boolean(),
    workingHours: WorkingHoursBody.nullable(),
    /** Disabled: cannot sign in, and every token and socket of theirs stops working. */
    disabled: z.boolean(),
  })
  .partial();
export type AgentPatchBody = z.infer<typeof AgentPatchBody>;

export const PresenceBody = z.object({ status: z.enum(['online', 'away']) });

export const TeamBody = z.object({
  name: text().trim().min(1).max(100),
  skills: z.array(text().min(1).max(100)).max(50).default([]),
});

export const TransferBody = z
  .object({
    toAgentId: text().max(100).optional(),
    toTeamId: text().max(100).optional(),
    note: text().trim().max(2000).default(''),
  })
  .refine((b) => !b.toAgentId !== !b.toTeamId, { message: 'give exactly one of toAgentId or toTeamId' });

export const NoteBody = z.object({ text: text().trim().min(1, 'note is empty').max(4000) });
export const VerdictBody = z.object({ verdict: z.enum(['correct', 'unnecessary', 'missed']) });
export const CannedResponseBody = z.object({
  title: text().trim().min(1).max(200),
  text: text().trim().min(1).max(4000),
  shortcut: text()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only')
    .optional(),
});
export const MarkReadBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) });

/** Per-intent overrides of the escalation policy's thresholds (see server/pipeline/escalation-policy.ts). */
export const PolicyThresholdOverrides = z
  .object({
    minSentiment: z.number().min(-1).max(1),
    maxSentimentDrop: z.number().min(-2).max(0),
    signalStrength: z.number().min(0).max(1),
    highValueAccount: z.number().min(0),
    negativeSentiment: z.number().min(-1).max(1),
    clarifyMargin: z.number().min(0).max(1),
    renewalWindowDays: z.number().int().min(0).max(365),
  })
  .partial()
  .strict();
export type PolicyThresholdOverrides = z.infer<typeof PolicyThresholdOverrides>;

export const IntentName = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{1,63}$/,
    'intent names are 2-64 characters of lowercase letters, digits and _, starting with a letter',
  );

/** An intent definition as the API reads and writes it (`PUT` takes it without `name`). */
export const IntentBody = z
  .object({
    name: IntentName,
    description: text().trim().max(1000).default(''),
    examples: z
      .array(text().trim().min(1, 'an example is empty').max(500))
      .min(3, 'give at least 3 examples so the classifier can learn the intent')
      .max(500),
    skill: text().trim().min(1).max(100),
    policy: z.enum(['ai_answer', 'handoff', 'handoff_now']),
    severity: z.number().int().min(0).max(3),
    thresholds: PolicyThresholdOverrides.default({}),
  })
  .strict();
export type IntentBody = z.infer<typeof IntentBody>;
export const IntentUpdateBody = IntentBody.omit({ name: true });
export type IntentUpdateBody = z.infer<typeof IntentUpdateBody>;

/** Import limits: a JSONL file of intent definitions, one per line. */
export const INTENT_IMPORT_LIMITS = { bytes: 1024 * 1024, intents: 300 } as const;
/** `POST /api/intents/import?replace=1`. */
export const IntentImportQuery = z.object({
  replace: z.enum(['1', 'true']).optional().describe('replace every intent instead of merging by name'),
});

/** `GET /api/knowledge/suggestions` (public, the widget's empty panel). */
export const SuggestionsQuery = z.object({
  pageUrl: text().trim().min(1).max(LIMITS.pageUrl),
  title: text().trim().max(LIMITS.pageTitle).optional(),
  k: z.coerce.number().int().min(1).max(5).default(3),
  /** The visitor's language (`navigator.language`): articles in it first, then English. */
  lang: text().trim().max(100).optional(),
});
export type SuggestionsQuery = z.infer<typeof SuggestionsQuery>;

/** `POST /api/knowledge/preview-answer` (admin): retrieval plus the composed answer. */
export const PreviewAnswerBody = z.object({
  query: text().trim().min(1).max(LIMITS.searchQuery),
  pageUrl: text().max(LIMITS.pageUrl).optional(),
});
export type PreviewAnswerBody = z.infer<typeof PreviewAnswerBody>;

/** `GET /api/knowledge/gaps` (admin). */
export const GapsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  since: text().datetime({ offset: true }).optional(),
});

/** `GET /api/metrics/runtime` (admin): this server process's event-loop delay, memory and CPU. */
export const RuntimeQuery = z.object({
  /** `1`: start a new event-loop delay window after this read (a benchmark reads one per step). */
  reset: z.enum(['0', '1']).optional(),
});
export const RuntimeMetrics = z.object({
  eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
  windowSeconds: z.number(),
  memory: z.object({
    rssBytes: z.number(),
    heapUsedBytes: z.number(),
    heapTotalBytes: z.number(),
    externalBytes: z.number(),
    arrayBuffersBytes: z.number(),
  }),
  cpuMs: z.object({ user: z.number(), system: z.number() }),
  uptimeSeconds: z.number(),
  /**
   * AI turn admission on this node (TURNS_IN_FLIGHT, TURN_QUEUE); totals since start, peakQueued since the last reset.
   */
  turns: z
    .object({
      inFlight: z.number(),
      queued: z.number(),
      limits: z.object({ inFlight: z.number(), queued: z.number() }),
      peakQueued: z.number(),
      startedTotal: z.number(),
      waitedTotal: z.number(),
      deferredTotal: z.number(),
    })
    .optional(),
});
export type RuntimeMetrics = z.infer<typeof RuntimeMetrics>;

// What clients send, before the server fills defaults (the console builds these).
export type ArticleInput = z.input<typeof ArticleBody>;
export type AgentInput = z.input<typeof AgentBody>;
export type AgentPatchInput = z.input<typeof AgentPatchBody>;
