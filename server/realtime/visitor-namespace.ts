import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { ChatMessage, PageInfo, VisitorIdentity } from '../../protocol/domain.js';
import { ContactIn, CsatIn, SyncIn, VisitorAuth, VisitorMessageIn, VisitorPageIn, type VisitorClientToServer, type VisitorServerToClient } from '../../protocol/visitor-socket.js';
import type { TokenService } from '../auth/tokens.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { ConversationFeedback } from '../conversations/conversation-feedback.js';
import { AppError, describeZodError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ackedHandler } from './acked-handler.js';
import { guardedMiddleware } from './guarded-middleware.js';
import { FeedbackIn } from '../../protocol/visitor-socket.js';
import { createAnswerFeedback } from '../conversations/answer-feedback.js';
import { createRateLimiter } from './rate-limiter.js';
import { visitorRoom } from './rooms.js';

export interface VisitorSocketData {
  conversationId: string;
  visitorId: string;
  identity?: VisitorIdentity;
  page?: PageInfo;
  token: string;
  lastMessageId?: string;
}
export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorSocketData>;

/** `/visitor`: the widget's connection. A signed token ties a browser to its conversation. */
export function setupVisitorNamespace(nsp: VisitorNamespace, deps: { tokens: TokenService; conversations: ConversationService; feedback: ConversationFeedback; log: Logger; onConnected?: (conversationId: string) => void }): void {
  const { tokens, conversations, log } = deps;
  const answerFeedback = createAnswerFeedback(conversations);

  nsp.use(guardedMiddleware(log, '/visitor', async (socket, next) => {
    const parsed = VisitorAuth.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) return next(Object.assign(new Error(`Invalid handshake: ${describeZodError(parsed.error)}`), { data: { code: 'invalid_handshake' } }));
    const auth = parsed.data;
    const claims = auth.token ? await tokens.verifyVisitor(auth.token) : null;
    const conversationId = claims?.cid ?? randomUUID();
    const visitorId = claims?.vid ?? randomUUID();
    socket.data = {
      conversationId,
      visitorId,
      identity: auth.visitor,
      page: auth.page,
      token: claims && auth.token ? auth.token : await tokens.signVisitor({ cid: conversationId, vid: visitorId }),
      lastMessageId: auth.lastMessageId,
    };
    next();
  }));

  nsp.on('connection', (socket) => {
    const data = socket.data;
    // Handlers first, before any await: events sent right after connecting must not be dropped.
    const limiter = createRateLimiter(8, 1);
    let identitySaved = false;
    socket.on(
      'message',
      ackedHandler(VisitorMessageIn, log, async (msg) => {
        if (!limiter.take()) throw new AppError(429, 'rate_limited', 'You are sending messages too fast; wait a moment and try again.');
        if (msg.page) data.page = msg.page;
        const res = await conversations.receiveVisitorMessage({
          conversationId: data.conversationId,
          visitorId: data.visitorId,
          identity: data.identity,
          page: msg.page ?? data.page,
          clientMessageId: msg.clientMessageId,
          text: msg.text,
          identityChanged: !identitySaved && data.identity !== undefined,
        });
        identitySaved = true;
        return { id: res.message.id };
      }) as VisitorClientToServer['message'],
    );

    socket.on(
      'csat',
      ackedHandler(CsatIn, log, async ({ score, comment }) => {
        await deps.feedback.recordCsat(data.conversationId, score, comment ?? null);
        return {};
      }) as VisitorClientToServer['csat'],
    );
    socket.on(
      'contact',
      ackedHandler(ContactIn, log, async ({ email }) => {
        await conversations.setContactEmail(data.conversationId, email);
        return {};
      }) as VisitorClientToServer['contact'],
    );

    // The widget sends `page` without an ack; a client that passes one learns why a page was refused.
    socket.on(
      'page',
      ackedHandler(VisitorPageIn, log, async (page) => {
        data.page = page;
        await conversations.repo.recordPage(data.conversationId, page);
        return {};
      }) as VisitorClientToServer['page'],
    );

    socket.on(
      'sync',
      ackedHandler(SyncIn, log, async ({ afterId }) => ({ messages: (await conversations.repo.messages(data.conversationId, afterId)).map(stripMeta) })) as VisitorClientToServer['sync'],
    );

    socket.on(
      'feedback',
      ackedHandler(FeedbackIn, log, async ({ messageId, helpful }) => {
        if (!limiter.take()) throw new AppError(429, 'rate_limited', 'Too many requests; wait a moment and try again.');
        return answerFeedback.record(data.conversationId, messageId, helpful);
      }) as VisitorClientToServer['feedback'],
    );

    void welcome(socket).catch((err) => log.error({ err }, 'visitor welcome failed'));
  });

  /** Joins the conversation room, sends the session and replays what the client missed. */
  async function welcome(socket: Parameters<Parameters<VisitorNamespace['on']>[1]>[0]): Promise<void> {
    const data = socket.data;
    await socket.join(visitorRoom(data.conversationId));
    const existing = await conversations.repo.get(data.conversationId);
    socket.emit('session', { conversationId: data.conversationId, token: data.token, status: existing?.status ?? 'bot' });
    if (!existing) return;
    if (data.page) await conversations.repo.recordPage(existing.id, data.page);
    if (data.lastMessageId) {
      for (const m of await conversations.repo.messages(existing.id, data.lastMessageId)) socket.emit('message', stripMeta(m));
    }
    deps.onConnected?.(existing.id);
  }
}

/** Internal metadata (signals, errors) stays on the server side. */
function stripMeta(m: ChatMessage & { meta?: unknown }): ChatMessage {
  const { meta: _meta, ...rest } = m;
  return rest;
}
export { stripMeta };
