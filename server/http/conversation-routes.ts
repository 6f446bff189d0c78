import { Hono } from 'hono';
import {
  ConversationSearchQuery,
  ConversationsQuery,
  NoteBody,
  TransferBody,
  VerdictBody,
  ConversationSearchResponse,
  VisitorHistoryResponse,
} from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { ConversationFeedback } from '../conversations/conversation-feedback.js';
import type { ConversationNotes } from '../conversations/conversation-notes.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { ConversationTransfers } from '../conversations/conversation-transfers.js';
import type { ConversationSearch } from '../conversations/conversation-search.js';
import type { ConversationTimeline } from '../conversations/conversation-timeline.js';
import type { VisitorHistory } from '../conversations/visitor-history.js';
import type { MessageTranslator } from '../llm/llm-translator.js';
import { DEFAULT_LANGUAGE } from '../../protocol/messages/languages.js';
import { AppError, notFound } from '../errors.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { attachmentResponse, ATTACHMENT_SERVING } from './attachment-response.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import {
  ConversationDetail,
  ConversationListResponse,
  type ScoredMessage,
  Note,
  ResolveResult,
  TimelineResponse,
  TransferResult,
  Translation,
} from '../../protocol/responses/conversations.js';
import { OkResponse } from '../../protocol/responses/common.js';
import type { RouteDoc } from './route-doc.js';

export interface ConversationRouteDeps {
  conversations: ConversationService;
  conversationSearch: ConversationSearch;
  visitorHistory: VisitorHistory;
  timeline: ConversationTimeline;
  tokens: TokenService;
  notes: ConversationNotes;
  transfers: ConversationTransfers;
  feedback: ConversationFeedback;
  /** Translates visitors' messages for agents (a language model is configured). */
  translator?: MessageTranslator;
  attachments: AttachmentService;
}

export function conversationRoutes(deps: ConversationRouteDeps) {
  const { repo } = deps.conversations;
  const { conversationSearch: search, visitorHistory: history } = deps;
  const actor = (c: { get(k: 'user'): AuthEnv['Variables']['user'] }) => {
    const u = c.get('user');
    return { id: u.sub, name: u.name, role: u.role };
  };
  return (
    new Hono<AuthEnv>()
      .use(requireRole(deps.tokens, 'agent'))
      .get('/', async (c) => {
        const q = parse(ConversationsQuery, c.req.query());
        return c.json({
          conversations: await repo.list(q.status, undefined, deps.conversations.clock()),
        } satisfies ConversationListResponse);
      })
      .get('/search', async (c) =>
        c.json(
          (await search.search(parse(ConversationSearchQuery, c.req.query()))) satisfies ConversationSearchResponse,
        ),
      )
      .get('/:id/history', async (c) => {
        const conversations = await history.of(c.req.param('id'));
        if (!conversations) throw notFound('Conversation');
        return c.json({ conversations } satisfies VisitorHistoryResponse);
      })
      .get('/:id', async (c) => {
        const id = c.req.param('id');
        const detail = await repo.detail(id);
        if (!detail) throw notFound('Conversation');
        const [messages, decisions, notes, timeline, verdicts] = await Promise.all([
          repo.messages(id),
          repo.decisions(id),
          deps.notes.list(id),
          deps.timeline.of(id),
          deps.feedback.verdicts(id),
        ]);
        return c.json({
          ...detail,
          messages: messages.map(({ meta, ...m }) => ({
            ...m,
            ...(meta.sentiment ? { sentiment: meta.sentiment as ScoredMessage['sentiment'] } : {}),
            ...(meta.intent ? { intent: meta.intent } : {}),
          })),
          decisions,
          notes,
          timeline,
          verdicts,
          // The console offers "Translate to English" only when it can work.
          translation: deps.translator !== undefined,
          ...(detail.handoff ? { handoff: detail.handoff } : {}),
          ...(detail.assignee ? { assignee: detail.assignee } : {}),
        } satisfies ConversationDetail);
      })
      // The visitor's message in the agent's language (English), when a language model is configured.
      .post('/:id/messages/:messageId/translation', async (c) => {
        if (!deps.translator)
          throw new AppError(
            409,
            'translation_unavailable',
            'Translating messages needs a language model: ' +
              'set OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint).',
          );
        const message = (await repo.messages(c.req.param('id'))).find((m) => m.id === c.req.param('messageId'));
        if (!message) throw notFound('Message');
        return c.json({
          text: await deps.translator.translate(message.text, DEFAULT_LANGUAGE),
          language: DEFAULT_LANGUAGE,
        } satisfies Translation);
      })
      // A visitor's file: images for the preview, PDFs as downloads (see attachment-response.ts).
      .get('/:id/attachments/:attachmentId', async (c) => {
        const found = await deps.attachments.read(c.req.param('id'), c.req.param('attachmentId'));
        if (!found) throw notFound('Attachment');
        return attachmentResponse(c, found);
      })
      .get('/:id/timeline', async (c) => c.json({ timeline: await deps.timeline.of(c.req.param('id')) }))
      .post('/:id/notes', async (c) => {
        const body = await jsonBody(c, NoteBody);
        if (!(await repo.get(c.req.param('id')))) throw notFound('Conversation');
        return c.json(
          (await deps.notes.add({
            conversationId: c.req.param('id'),
            author: actor(c),
            text: body.text,
          })) satisfies Note,
          201,
        );
      })
      .post('/:id/transfer', async (c) => {
        const body = await jsonBody(c, TransferBody);
        const res = await deps.transfers.transfer({
          conversationId: c.req.param('id'),
          from: actor(c),
          toAgentId: body.toAgentId,
          toTeamId: body.toTeamId,
          note: body.note,
        });
        return c.json({
          status: res.conversation.status,
          assigneeId: res.conversation.assigneeId,
          kind: res.kind,
        } satisfies TransferResult);
      })
      .post('/:id/resolve', async (c) => {
        const resolved = await deps.conversations.resolveAsAgent(c.req.param('id'), actor(c), {
          manager: c.get('user').level === 'manager',
        });
        return c.json({ status: resolved.status } satisfies ResolveResult);
      })
      .post('/:id/verdict', async (c) => {
        const body = await jsonBody(c, VerdictBody);
        await deps.feedback.setVerdict(c.req.param('id'), c.get('user').sub, body.verdict);
        return c.json({ ok: true } satisfies OkResponse);
      })
  );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const conversationRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/conversations',
    tag: 'conversations',
    summary: 'List conversations, optionally by status',
    access: 'agent',
    query: ConversationsQuery,
    response: ConversationListResponse,
  },
  {
    method: 'get',
    path: '/api/conversations/search',
    tag: 'conversations',
    summary: 'Search conversations: full text over messages, visitor name and email',
    access: 'agent',
    description:
      'Messages are matched with PostgreSQL full text search (`english`: "refunds" finds "refund"), ' +
      "the visitor's name and email by substring. Newest activity first, " +
      'one result per conversation with the matching text cut around the match. `q` 2-200 characters; ' +
      '`limit` 1-50 (default 20); `offset` up to 1000; `nextOffset` is null on the last page.',
    query: ConversationSearchQuery,
    response: ConversationSearchResponse,
  },
  {
    method: 'get',
    path: '/api/conversations/:id/history',
    tag: 'conversations',
    summary: "The visitor's other conversations (same visitor, or the same verified email), newest first, at most 20",
    access: 'agent',
    response: VisitorHistoryResponse,
  },
  {
    method: 'get',
    path: '/api/conversations/:id',
    tag: 'conversations',
    summary: 'One conversation: messages, handoff brief, decisions, notes, timeline',
    access: 'agent',
    response: ConversationDetail,
  },
  {
    method: 'post',
    path: '/api/conversations/:id/messages/:messageId/translation',
    tag: 'conversations',
    summary:
      "A visitor's message translated into English for the agent " +
      '(409 translation_unavailable without a language model)',
    access: 'agent',
    response: Translation,
  },
  {
    method: 'get',
    path: '/api/conversations/:id/attachments/:attachmentId',
    tag: 'attachments',
    summary: "A visitor's attached file (the console's image preview and PDF download)",
    access: 'agent',
    description: ATTACHMENT_SERVING,
    response: {
      contentType: 'image/png',
      description: 'The file as stored: image/png, image/jpeg, image/webp, image/gif or application/pdf.',
    },
  },
  {
    method: 'get',
    path: '/api/conversations/:id/timeline',
    tag: 'conversations',
    summary: 'The escalation log: every transition, who, when and why',
    access: 'agent',
    response: TimelineResponse,
  },
  {
    method: 'post',
    path: '/api/conversations/:id/notes',
    tag: 'conversations',
    summary: 'Add an internal note (never sent to the visitor)',
    access: 'agent',
    body: NoteBody,
    status: 201,
    response: Note,
  },
  {
    method: 'post',
    path: '/api/conversations/:id/transfer',
    tag: 'conversations',
    summary: 'Transfer to exactly one of an agent or a team',
    access: 'agent',
    body: TransferBody,
    response: TransferResult,
    errors: [409],
  },
  {
    method: 'post',
    path: '/api/conversations/:id/resolve',
    tag: 'conversations',
    summary: 'Resolve a conversation (the assignee, a manager or an admin)',
    access: 'agent',
    description: 'Other agents get 403 `forbidden`. Same rule as the `/agent` socket `resolve` event.',
    response: ResolveResult,
  },
  {
    method: 'post',
    path: '/api/conversations/:id/verdict',
    tag: 'conversations',
    summary: "Judge the AI's handoff decision",
    access: 'agent',
    body: VerdictBody,
    response: OkResponse,
  },
];
