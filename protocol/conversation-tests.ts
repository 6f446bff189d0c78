import { z } from 'zod';
import { Citation, PageInfo, VisitorIdentity } from './domain.js';
import { LIMITS } from './limits.js';

/** Bounds on one suite, so a pasted file cannot tie up the pipeline for long. */
export const CONVERSATION_TEST_LIMITS = { bytes: 512 * 1024, conversations: 300, turns: 12, phrases: 10 } as const;

/**
 * Which article an answer must cite: the article id, its title (case-insensitive) or its url slug
 * (the url's last path segment, e.g. `refund-policy` for `/help/refund-policy`, or the whole url).
 */
export const ArticleRef = z.string().trim().min(1).max(300);

export const ConversationExpectation = z.union([
  z.object({ answer: ArticleRef }).strict(),
  z.object({ handoff: z.literal(true) }).strict(),
  z.object({ noAnswer: z.literal(true) }).strict(),
]);
export type ConversationExpectation = z.infer<typeof ConversationExpectation>;

/** One test conversation (a line of the JSONL suite, CONTRACT.md v1.1). */
export const ConversationTestCase = z
  .object({
    name: z.string().trim().min(1).max(200),
    turns: z.array(z.string().trim().min(1).max(LIMITS.messageText)).min(1).max(CONVERSATION_TEST_LIMITS.turns),
    page: z.union([z.string().max(LIMITS.pageUrl), PageInfo]).optional(),
    /** Treated as a verified identity: the suite author vouches for plan and account value. */
    visitor: VisitorIdentity.omit({ userHash: true, jwt: true }).optional(),
    expect: ConversationExpectation,
    mustContain: z.array(z.string().trim().min(1).max(200)).max(CONVERSATION_TEST_LIMITS.phrases).optional(),
  })
  .strict();
export type ConversationTestCase = z.infer<typeof ConversationTestCase>;

/**
 * `POST /api/conversation-tests/run`: the suite as JSONL text or as parsed conversations (each
 * validated as ConversationTestCase; sizes past CONVERSATION_TEST_LIMITS are a 413 that says so).
 */
export const ConversationSuiteBody = z.union([
  z.object({ jsonl: z.string() }).strict(),
  z.object({ conversations: z.array(z.unknown()) }).strict(),
]);
export type ConversationSuiteBody = z.infer<typeof ConversationSuiteBody>;

// ---- Results (server/conversation-tests/run-conversation-suite.ts returns these; the console reads them) ----

/** What the visitor saw after one turn, and why (the same slices the responder stores as the decision trace). */
export const ConversationTestTurn = z.object({
  visitor: z.string(),
  /** What the visitor saw: an answer, a question back, a handoff, or nothing (wait). */
  outcome: z.enum(['answer', 'clarify', 'handoff', 'none']),
  /** The policy's decision (it can differ from `outcome` when composing the answer failed). */
  decision: z
    .object({ action: z.string(), reasonCode: z.string(), reason: z.string(), urgent: z.boolean() })
    .nullable(),
  /** Handoff reason as the agent's brief states it. */
  handoffReason: z.string().optional(),
  text: z.string(),
  citations: z.array(Citation),
  trace: z.object({
    intent: z
      .object({
        name: z.string().nullable(),
        confidence: z.number(),
        ranked: z.array(z.object({ intent: z.string(), confidence: z.number() })),
      })
      .nullable(),
    sentiment: z.object({ score: z.number(), signals: z.unknown(), trajectory: z.unknown() }).nullable(),
    loop: z.unknown(),
    retrieval: z
      .object({
        confident: z.boolean(),
        results: z.array(z.object({ articleId: z.string(), title: z.string(), score: z.number() })),
      })
      .nullable(),
    timings: z.array(z.object({ stage: z.string(), ms: z.number() })),
  }),
});
export type ConversationTestTurn = z.infer<typeof ConversationTestTurn>;

export const ConversationTestResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  /** Why it failed, one sentence each (empty when passed). */
  problems: z.array(z.string()),
  expect: ConversationExpectation,
  /** The outcome that was judged: the last turn that ran. */
  got: z.object({
    outcome: ConversationTestTurn.shape.outcome,
    reasonCode: z.string().nullable(),
    intent: z.string().nullable(),
    article: z.object({ id: z.string(), title: z.string() }).nullable(),
    text: z.string(),
    turn: z.number().int(),
  }),
  turns: z.array(ConversationTestTurn),
  ms: z.number(),
});
export type ConversationTestResult = z.infer<typeof ConversationTestResult>;

export const ConversationSuiteResult = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  results: z.array(ConversationTestResult),
  ms: z.number(),
});
export type ConversationSuiteResult = z.infer<typeof ConversationSuiteResult>;
