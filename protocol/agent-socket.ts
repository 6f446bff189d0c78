import { z } from 'zod';
import { text } from './clean-text.js';
import { LIMITS } from './limits.js';
import { ConversationStatus, PageInfo, VisitorIdentity, type ChatMessage } from './domain.js';
import { Iso } from './responses/common.js';
import { Notification } from './responses/notifications.js';
import type { Ack } from './visitor-socket.js';

export const AgentAuth = z.object({ token: text().min(1).max(4000) });
export const ConversationRef = z.object({ conversationId: text().min(1).max(100) });
export const AgentMessageIn = z.object({
  conversationId: text().min(1).max(100),
  clientMessageId: text().min(1).max(LIMITS.clientMessageId),
  text: text().trim().min(1, 'message text is empty').max(LIMITS.messageText),
});
export type AgentMessageIn = z.infer<typeof AgentMessageIn>;

export const AgentHandoffNotice = z.object({
  conversationId: z.string(),
  priority: z.number(),
  reason: z.string(),
  brief: z.string(),
  intent: z.string().nullable(),
  sentiment: z.number(),
  page: PageInfo.nullable(),
  /** `verified`: IDENTITY_SECRET proved who this is; otherwise the identity is only what the page claimed. */
  visitor: VisitorIdentity.omit({ userHash: true, jwt: true }).extend({ verified: z.boolean().optional() }),
});
export type AgentHandoffNotice = z.infer<typeof AgentHandoffNotice>;

export const QueueChanged = z.object({
  conversationId: z.string(),
  status: ConversationStatus,
  assigneeId: z.string().nullable(),
});
export type QueueChanged = z.infer<typeof QueueChanged>;

/** A console notification as pushed (the feed's entry without the reader's fields). */
export const AgentNotification = Notification.omit({ userId: true, readAt: true });
export type AgentNotification = z.infer<typeof AgentNotification>;

/** Routing offers this agent a waiting conversation; claim it before `expiresAt`. */
export const RoutingOffer = z.object({
  conversationId: z.string(),
  expiresAt: Iso,
  reason: z.string(),
  priority: z.number(),
});
export type RoutingOffer = z.infer<typeof RoutingOffer>;

export const PresenceIn = z.object({ status: z.enum(['online', 'away']) });

/** How the pipeline scored one visitor message: its own polarity and the conversation's smoothed mood after it. */
export const MessageSentiment = z.object({
  score: z.number(),
  /** `smoothed` is -1..1; `trend` is its last change (negative = getting worse); `count` messages so far. */
  trajectory: z.object({ smoothed: z.number(), trend: z.number(), count: z.number().int() }),
});
export type MessageSentiment = z.infer<typeof MessageSentiment>;

export const MessageSentimentNotice = z.object({
  conversationId: text(),
  messageId: text(),
  sentiment: MessageSentiment,
});
export type MessageSentimentNotice = z.infer<typeof MessageSentimentNotice>;

export interface AgentServerToClient {
  handoff: (h: AgentHandoffNotice) => void;
  offer: (o: RoutingOffer) => void;
  notification: (n: AgentNotification) => void;
  message: (m: ChatMessage) => void;
  'conversation:updated': (c: QueueChanged) => void;
  /** A visitor `message` agents were sent has been scored; comes after that message, once the pipeline ran. */
  'message:sentiment': (s: MessageSentimentNotice) => void;
}
export interface AgentClientToServer {
  claim: (p: z.infer<typeof ConversationRef>, ack: (a: Ack<object>) => void) => void;
  message: (m: AgentMessageIn, ack: (a: Ack) => void) => void;
  resolve: (p: z.infer<typeof ConversationRef>, ack: (a: Ack<object>) => void) => void;
  presence: (p: z.infer<typeof PresenceIn>, ack: (a: Ack<object>) => void) => void;
}
