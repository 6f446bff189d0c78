import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ChatMessage, PageInfo, VisitorIdentity } from './domain.js';

export const VisitorAuth = z.object({
  token: z.string().max(2000).optional(),
  visitor: VisitorIdentity.optional(),
  page: PageInfo.optional(),
  /** Id of the last message this client has; the server replays everything after it. */
  lastMessageId: z.string().max(100).optional(),
});
export type VisitorAuth = z.infer<typeof VisitorAuth>;

export const VisitorMessageIn = z.object({
  clientMessageId: z.string().min(1).max(LIMITS.clientMessageId),
  text: z.string().trim().min(1, 'message text is empty').max(LIMITS.messageText),
  page: PageInfo.optional(),
});
export type VisitorMessageIn = z.infer<typeof VisitorMessageIn>;

export const VisitorPageIn = PageInfo;
export type VisitorPageIn = z.infer<typeof VisitorPageIn>;

export const SyncIn = z.object({ afterId: z.string().max(100).optional() });
export type SyncIn = z.infer<typeof SyncIn>;

export type Ack<T = { id: string }> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

export interface SessionPayload {
  conversationId: string;
  token: string;
  status: string;
}
export interface HandoffNotice {
  conversationId: string;
  reason: string;
  queuePosition: number;
  etaSeconds: number;
}

export interface VisitorServerToClient {
  session: (p: SessionPayload) => void;
  message: (m: ChatMessage) => void;
  handoff: (h: HandoffNotice) => void;
  'agent:joined': (p: { name: string }) => void;
  'conversation:resolved': (p: { conversationId: string }) => void;
  typing: (p: { role: 'ai' | 'agent'; typing: boolean }) => void;
  /** Part of an AI answer being written; the full `message` with the same `replyTo` replaces it. */
  'message:delta': (p: { conversationId: string; replyTo: string; delta: string }) => void;
}
export interface VisitorClientToServer {
  message: (m: VisitorMessageIn, ack: (a: Ack) => void) => void;
  page: (p: VisitorPageIn) => void;
  sync: (p: SyncIn, ack: (a: Ack<{ messages: ChatMessage[] }>) => void) => void;
}
