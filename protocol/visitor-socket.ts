import { z } from 'zod';
import { text } from './clean-text.js';
import { LIMITS } from './limits.js';
import { ChatMessage, ConversationStatus, PageInfo, VisitorIdentity } from './domain.js';
import type { Language } from './messages/languages.js';
import type { WidgetText } from './messages/en-widget.js';

export const VisitorAuth = z.object({
  token: text().max(2000).optional(),
  visitor: VisitorIdentity.optional(),
  page: PageInfo.optional(),
  /** Id of the last message this client has; the server replays everything after it. */
  lastMessageId: text().max(100).optional(),
  /** The browser's language (`navigator.language`): the fallback when a message is too short to tell. */
  locale: text().max(100).optional(),
});
export type VisitorAuth = z.infer<typeof VisitorAuth>;

export const VisitorMessageIn = z
  .object({
    clientMessageId: text().min(1).max(LIMITS.clientMessageId),
    text: text().trim().max(LIMITS.messageText),
    page: PageInfo.optional(),
    /** Ids from `POST /api/visitor/attachments`, not yet used by another message of this conversation. */
    attachments: z.array(text().min(1).max(100)).max(LIMITS.attachmentsPerMessage).optional(),
    /** Sent by the "Talk to a person" button: the AI hands off at once (reason `explicit_request`). */
    human: z.literal(true).optional(),
  })
  // A screenshot alone is a message; nothing at all is not.
  .refine((m) => m.text.length > 0 || (m.attachments?.length ?? 0) > 0, {
    path: ['text'],
    message: 'message text is empty',
  });
export type VisitorMessageIn = z.infer<typeof VisitorMessageIn>;

export const VisitorPageIn = PageInfo;
export type VisitorPageIn = z.infer<typeof VisitorPageIn>;

export const SyncIn = z.object({ afterId: text().max(100).optional() });
export type SyncIn = z.infer<typeof SyncIn>;

/** "Did this help?" on an AI answer. */
export const FeedbackIn = z.object({ messageId: text().min(1).max(100), helpful: z.boolean() });
export type FeedbackIn = z.infer<typeof FeedbackIn>;

/** The visitor's rating after an agent resolved the conversation. */
export const CsatIn = z.object({ score: z.number().int().min(1).max(5), comment: text().trim().max(2000).optional() });
export type CsatIn = z.infer<typeof CsatIn>;

/** Continue by email when nobody is online. */
export const ContactIn = z.object({ email: text().trim().toLowerCase().email().max(320) });
export type ContactIn = z.infer<typeof ContactIn>;

/** `retryAfterMs` comes with `code: 'rate_limited'`: when trying again will work. */
export type Ack<T = { id: string }> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

export const SessionPayload = z.object({ conversationId: z.string(), token: z.string(), status: ConversationStatus });
export type SessionPayload = z.infer<typeof SessionPayload>;

export const HandoffNotice = z.object({
  conversationId: z.string(),
  reason: z.string(),
  queuePosition: z.number().int(),
  etaSeconds: z.number(),
  agentsOnline: z.number().int().describe('0: nobody can answer now; offer to continue by email'),
  backAt: z
    .string()
    .nullable()
    .optional()
    .describe(
      'set while the team is outside its office hours: when it is back (ISO); ' +
        'the widget says so ("We\'re back Monday 9:00") and offers email',
    ),
});
export type HandoffNotice = z.infer<typeof HandoffNotice>;

/** The visitor's language and the widget's texts in it (sent on connect and when it changes). */
export interface LanguageNotice {
  language: Language;
  text: WidgetText;
}

export const AgentJoined = z.object({ name: z.string() });
export const ConversationResolved = z.object({ conversationId: z.string(), csat: z.boolean().optional() });
export const TypingNotice = z.object({ role: z.enum(['ai', 'agent']), typing: z.boolean() });
/** Part of an AI answer being written; the full `message` with the same `replyTo` replaces it. */
export const MessageDelta = z.object({ conversationId: z.string(), replyTo: z.string(), delta: z.string() });
/** The text streamed for `replyTo` is withdrawn (it did not become the answer; a handoff follows). */
export const MessageDiscard = z.object({ conversationId: z.string(), replyTo: z.string() });

export interface VisitorServerToClient {
  language: (p: LanguageNotice) => void;
  session: (p: SessionPayload) => void;
  message: (m: ChatMessage) => void;
  handoff: (h: HandoffNotice) => void;
  'agent:joined': (p: z.infer<typeof AgentJoined>) => void;
  'conversation:resolved': (p: z.infer<typeof ConversationResolved>) => void;
  typing: (p: z.infer<typeof TypingNotice>) => void;
  'message:delta': (p: z.infer<typeof MessageDelta>) => void;
  'message:discard': (p: z.infer<typeof MessageDiscard>) => void;
}
export interface VisitorClientToServer {
  message: (m: VisitorMessageIn, ack: (a: Ack) => void) => void;
  /** The ack is optional (the widget sends none): `{ok:true}` or why the page was refused. */
  page: (p: VisitorPageIn, ack?: (a: Ack<object>) => void) => void;
  sync: (p: SyncIn, ack: (a: Ack<{ messages: ChatMessage[] }>) => void) => void;
  /** `resolved`: the answer helped and the conversation is now closed as AI-resolved. */
  feedback: (p: FeedbackIn, ack: (a: Ack<{ resolved: boolean }>) => void) => void;
  csat: (p: CsatIn, ack: (a: Ack<object>) => void) => void;
  contact: (p: ContactIn, ack: (a: Ack<object>) => void) => void;
}
