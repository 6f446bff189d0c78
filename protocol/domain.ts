import { z } from 'zod';
import { LIMITS } from './limits.js';

export const Role = z.enum(['visitor', 'ai', 'agent', 'system']);
export type Role = z.infer<typeof Role>;

export const ConversationStatus = z.enum(['bot', 'queued', 'assigned', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const UserRole = z.enum(['agent', 'admin']);
export type UserRole = z.infer<typeof UserRole>;

/** What the host page tells the widget about where the visitor is. */
export const PageInfo = z.object({
  url: z.string().max(LIMITS.pageUrl),
  title: z.string().max(LIMITS.pageTitle).default(''),
  context: z
    .record(z.string(), z.unknown())
    .optional()
    .refine((c) => c === undefined || JSON.stringify(c).length <= LIMITS.pageContextBytes, {
      message: `page context must be at most ${LIMITS.pageContextBytes} bytes of JSON`,
    }),
});
export type PageInfo = z.infer<typeof PageInfo>;

export const VisitorIdentity = z.object({
  id: z.string().max(200).optional(),
  name: z.string().max(LIMITS.visitorName).optional(),
  email: z.string().max(LIMITS.email).optional(),
  plan: z.string().max(100).optional(),
  accountValue: z.number().finite().nonnegative().optional(),
  renewalDate: z.string().max(40).optional(),
  userHash: z.string().max(200).optional(),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

export const Citation = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
});
export type Citation = z.infer<typeof Citation>;

export const ChatMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  clientMessageId: z.string().optional(),
  role: Role,
  text: z.string(),
  authorName: z.string().optional(),
  citations: z.array(Citation).optional(),
  /** For AI answers: the visitor message this answers (matches the `message:delta` stream). */
  replyTo: z.string().optional(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const Signal = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]),
  threshold: z.number().optional(),
  /**
   * Which side of the threshold trips the signal: `above` (at or above, e.g. a frustration score)
   * or `below` (at or below, e.g. sentiment). Set by whoever sets the threshold; absent on older rows.
   */
  trips: z.enum(['above', 'below']).optional(),
});
export type Signal = z.infer<typeof Signal>;


export const Handoff = z.object({
  reason: z.string(),
  signals: z.array(Signal),
  brief: z.string(),
  priority: z.number(),
  intent: z.string().nullable(),
  sentiment: z.number(),
  /** Skill or team needed, from the intent's definition. */
  skill: z.string().nullable().optional(),
  /** Jumps the queue order (security, legal, churn). */
  urgent: z.boolean().optional(),
  createdAt: z.string(),
});
export type Handoff = z.infer<typeof Handoff>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
