import { z } from 'zod';
import { text } from './clean-text.js';
import { jsonObject } from './bounded-json.js';
import { LIMITS } from './limits.js';
import { PAGE_CONTEXT_BOUNDS } from './page-context-bounds.js';
import { RichText } from './rich-text.js';
import { AttachmentRef } from './attachments.js';

export const Role = z.enum(['visitor', 'ai', 'agent', 'system']);
export type Role = z.infer<typeof Role>;

export const ConversationStatus = z.enum(['bot', 'queued', 'assigned', 'resolved']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const UserRole = z.enum(['agent', 'admin']);
export type UserRole = z.infer<typeof UserRole>;

/** What the host page tells the widget about where the visitor is. */
export const PageInfo = z.object({
  url: text().max(LIMITS.pageUrl),
  title: text().max(LIMITS.pageTitle).default(''),
  /** Free-form facts from the host app (`setContext`): bounded without recursion, strings cleaned. */
  context: jsonObject(PAGE_CONTEXT_BOUNDS).optional(),
});
export type PageInfo = z.infer<typeof PageInfo>;

export const VisitorIdentity = z.object({
  id: text().max(200).optional(),
  name: text().max(LIMITS.visitorName).optional(),
  email: text().max(LIMITS.email).optional(),
  plan: text().max(100).optional(),
  accountValue: z.number().finite().nonnegative().optional(),
  renewalDate: text().max(40).optional(),
  /** hex(HMAC-SHA256(IDENTITY_SECRET, id)), computed by the host app's server. */
  userHash: text().max(200).optional(),
  /**
   * Or an HS256 JWT signed with IDENTITY_SECRET whose claims are the identity (id or sub, name, email, plan,
   * accountValue, renewalDate; exp required).
   */
  jwt: text().max(4096).optional(),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

export const Citation = z.object({
  articleId: text(),
  title: text(),
  url: text().nullable(),
});
export type Citation = z.infer<typeof Citation>;

export const ChatMessage = z.object({
  id: text(),
  conversationId: text(),
  clientMessageId: text().optional(),
  role: Role,
  text: text(),
  authorName: text().optional(),
  citations: z.array(Citation).optional(),
  /**
   * For AI answers: the same answer with its structure (lists, bold, code, links); `text` is its plain-text fallback.
   */
  rich: RichText.optional(),
  /** For AI answers: the visitor message this answers (matches the `message:delta` stream). */
  replyTo: text().optional(),
  /** Files the visitor attached to this message (fetched with the visitor or agent token). */
  attachments: z.array(AttachmentRef).optional(),
  createdAt: text(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const Signal = z.object({
  name: text(),
  value: z.union([z.number(), text(), z.boolean()]),
  threshold: z.number().optional(),
  /**
   * Which side of the threshold trips the signal: `above` (at or above, e.g. a frustration score)
   * or `below` (at or below, e.g. sentiment). Set by whoever sets the threshold; absent on older rows.
   */
  trips: z.enum(['above', 'below']).optional(),
});
export type Signal = z.infer<typeof Signal>;

export const Handoff = z.object({
  reason: text(),
  signals: z.array(Signal),
  brief: text(),
  priority: z.number(),
  intent: text().nullable(),
  sentiment: z.number(),
  /** Skill or team needed, from the intent's definition. */
  skill: text().nullable().optional(),
  /** The visitor's language (ISO 639-1): routing prefers agents with the `lang:<code>` skill. */
  language: text().optional(),
  /** Jumps the queue order (security, legal, churn). */
  urgent: z.boolean().optional(),
  createdAt: text(),
});
export type Handoff = z.infer<typeof Handoff>;

export const ErrorBody = z.object({
  error: z.object({ code: text(), message: text() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
