// Response shapes of the HTTP API as the console reads them. Types only, so nothing here reaches the bundle.
import type { ChatMessage, ConversationStatus, Handoff, PageInfo, Signal, UserRole, VisitorIdentity } from '../../protocol/domain.js';

export type { ChatMessage, ConversationStatus, Handoff, PageInfo, Signal, UserRole, VisitorIdentity };

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface LoginResponse {
  token: string;
  user: User;
}

/** The visitor as the server returns it: the identity plus the server's own id. */
export type Visitor = VisitorIdentity & { id?: string };

export interface PageRef {
  url: string;
  title: string;
}

export interface HandoffSummary {
  reason: string;
  intent: string | null;
  priority: number;
  sentiment: number;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  priority: number;
  visitor: Visitor;
  page: PageRef | null;
  assignee: { id: string; name: string } | null;
  handoff: HandoffSummary | null;
  lastMessage: { text: string; role: ChatMessage['role']; createdAt: string } | null;
  createdAt: string;
  updatedAt: string;
  /** When the AI handed over; the server sends it, older rows may not have it. */
  handedOffAt?: string | null;
}

export interface Decision {
  action: string;
  reason: string;
  signals: Signal[];
  createdAt: string;
  trace: unknown;
}

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  priority?: number;
  visitor: Visitor;
  page: PageRef | null;
  pageTrail?: Array<{ url: string; title: string; at: string }>;
  messages: ChatMessage[];
  assignee?: { id: string; name: string } | null;
  handoff?: Handoff | null;
  decisions?: Decision[];
  createdAt?: string;
  updatedAt?: string;
}

export type ArticleFormat = 'markdown' | 'html' | 'text';

export interface Article {
  id: string;
  title: string;
  url: string | null;
  pages: string[];
  tags: string[];
  updatedAt: string;
  chunks: number;
}

export interface NewArticle {
  title: string;
  body: string;
  format: ArticleFormat;
  url?: string;
  pages?: string[];
  tags?: string[];
}

export interface SearchResult {
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  confident: boolean;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  presence: 'online' | 'away' | 'offline' | string;
}

export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
}

export interface Metrics {
  conversations: number;
  aiResolved: number;
  handoffs: number;
  escalationRate: number | null;
  medianTimeToHandoffSeconds: number | null;
  /** Extra the server provides beyond the contract; shown when present. */
  medianTimeToFirstHumanResponseSeconds?: number | null;
  reEscalationRate: number | null;
  csat: number | null;
}

/** A transcript entry: a stored message, or one of ours still on its way. */
export type TranscriptMessage = ChatMessage & { pending?: boolean; failed?: string };
