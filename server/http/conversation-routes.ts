import { Hono } from 'hono';
import { ConversationsQuery } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { parse } from './validate.js';

export function conversationRoutes(deps: { conversations: ConversationService; tokens: TokenService }) {
  const { repo } = deps.conversations;
  return new Hono()
    .use(requireRole(deps.tokens, 'agent'))
    .get('/', async (c) => {
      const q = parse(ConversationsQuery, c.req.query());
      return c.json({ conversations: await repo.list(q.status) });
    })
    .get('/:id', async (c) => {
      const id = c.req.param('id');
      const detail = await repo.detail(id);
      if (!detail) throw notFound('Conversation');
      const [messages, decisions] = await Promise.all([repo.messages(id), repo.decisions(id)]);
      return c.json({
        ...detail,
        messages: messages.map(({ meta, ...m }) => ({ ...m, ...(meta.sentiment ? { sentiment: meta.sentiment } : {}), ...(meta.intent ? { intent: meta.intent } : {}) })),
        decisions,
        ...(detail.handoff ? { handoff: detail.handoff } : {}),
        ...(detail.assignee ? { assignee: detail.assignee } : {}),
      });
    });
}
