import { Hono } from 'hono';
import { ConversationSearchQuery, ConversationsQuery, NoteBody, TransferBody, VerdictBody } from '../../protocol/http.js';
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
import { attachmentResponse } from './attachment-response.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';

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
  return new Hono<AuthEnv>()
    .use(requireRole(deps.tokens, 'agent'))
    .get('/', async (c) => {
      const q = parse(ConversationsQuery, c.req.query());
      return c.json({ conversations: await repo.list(q.status, undefined, deps.conversations.clock()) });
    })
    .get('/search', async (c) => c.json(await search.search(parse(ConversationSearchQuery, c.req.query()))))
    .get('/:id/history', async (c) => {
      const conversations = await history.of(c.req.param('id'));
      if (!conversations) throw notFound('Conversation');
      return c.json({ conversations });
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
        messages: messages.map(({ meta, ...m }) => ({ ...m, ...(meta.sentiment ? { sentiment: meta.sentiment } : {}), ...(meta.intent ? { intent: meta.intent } : {}) })),
        decisions,
        notes,
        timeline,
        verdicts,
        // The console offers "Translate to English" only when it can work.
        translation: deps.translator !== undefined,
        ...(detail.handoff ? { handoff: detail.handoff } : {}),
        ...(detail.assignee ? { assignee: detail.assignee } : {}),
      });
    })
    // The visitor's message in the agent's language (English), when a language model is configured.
    .post('/:id/messages/:messageId/translation', async (c) => {
      if (!deps.translator) throw new AppError(409, 'translation_unavailable', 'Translating messages needs a language model: set OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint).');
      const message = (await repo.messages(c.req.param('id'))).find((m) => m.id === c.req.param('messageId'));
      if (!message) throw notFound('Message');
      return c.json({ text: await deps.translator.translate(message.text, DEFAULT_LANGUAGE), language: DEFAULT_LANGUAGE });
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
      return c.json(await deps.notes.add({ conversationId: c.req.param('id'), author: actor(c), text: body.text }), 201);
    })
    .post('/:id/transfer', async (c) => {
      const body = await jsonBody(c, TransferBody);
      const res = await deps.transfers.transfer({ conversationId: c.req.param('id'), from: actor(c), toAgentId: body.toAgentId, toTeamId: body.toTeamId, note: body.note });
      return c.json({ status: res.conversation.status, assigneeId: res.conversation.assigneeId, kind: res.kind });
    })
    .post('/:id/resolve', async (c) => {
      const resolved = await deps.conversations.resolveAsAgent(c.req.param('id'), actor(c), { manager: c.get('user').level === 'manager' });
      return c.json({ status: resolved.status });
    })
    .post('/:id/verdict', async (c) => {
      const body = await jsonBody(c, VerdictBody);
      await deps.feedback.setVerdict(c.req.param('id'), c.get('user').sub, body.verdict);
      return c.json({ ok: true });
    });
}
