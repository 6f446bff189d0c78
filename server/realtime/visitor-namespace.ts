import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { ChatMessage, PageInfo } from '../../protocol/domain.js';
import type { IdentityVerifier, StoredIdentity } from '../visitors/identity-verifier.js';
import type { VerifiedVisitors } from '../visitors/verified-visitors.js';
import {
  ContactIn,
  CsatIn,
  SyncIn,
  VisitorAuth,
  VisitorMessageIn,
  VisitorPageIn,
  type VisitorClientToServer,
  type VisitorServerToClient,
} from '../../protocol/visitor-socket.js';
import type { TokenService } from '../auth/tokens.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { ConversationFeedback } from '../conversations/conversation-feedback.js';
import { describeZodError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ackedHandler } from './acked-handler.js';
import { guardedMiddleware } from './guarded-middleware.js';
import { FeedbackIn } from '../../protocol/visitor-socket.js';
import { createAnswerFeedback } from '../conversations/answer-feedback.js';
import type { VisitorLimits } from '../limits/visitor-limits.js';
import { RateLimitedError } from '../limits/rate-limited-error.js';
import { visitorRoom } from './rooms.js';
import { createKeyedSerializer } from '../pipeline/keyed-serializer.js';
import { DEFAULT_LANGUAGE, supportedLanguage, type Language } from '../../protocol/messages/languages.js';
import { widgetText } from '../../protocol/messages/catalogue.js';

export interface VisitorSocketData {
  conversationId: string;
  visitorId: string;
  /** What the host page said, without the proofs; trusted for policy only when `verified`. */
  identity?: StoredIdentity;
  verified: boolean;
  page?: PageInfo;
  token: string;
  lastMessageId?: string;
  /** The address limits count (see TRUST_PROXY). */
  address: string;
  /** The browser's language, when it is one Firstline writes in. */
  browserLanguage: Language | null;
}
export type VisitorNamespace = Namespace<
  VisitorClientToServer,
  VisitorServerToClient,
  Record<string, never>,
  VisitorSocketData
>;

/** `/visitor`: the widget's connection. A signed token ties a browser to its conversation. */
export interface VisitorNamespaceDeps {
  tokens: TokenService;
  conversations: ConversationService;
  feedback: ConversationFeedback;
  log: Logger;
  limits: VisitorLimits;
  /** Checks userHash / jwt against IDENTITY_SECRET. */
  identities: IdentityVerifier;
  verifiedVisitors: VerifiedVisitors;
  /** The visitor's address from the peer address and X-Forwarded-For, as TRUST_PROXY says. */
  clientAddress: (peer: string, forwardedFor?: string | string[]) => string;
  onConnected?: (conversationId: string) => void;
}

export function setupVisitorNamespace(nsp: VisitorNamespace, deps: VisitorNamespaceDeps): void {
  const { tokens, conversations, log, limits } = deps;
  const answerFeedback = createAnswerFeedback(conversations);
  const pageWrites = createKeyedSerializer();

  nsp.use(
    guardedMiddleware(log, '/visitor', async (socket, next) => {
      const address = deps.clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
      try {
        await limits.consume('connect.address', address);
      } catch (err) {
        if (err instanceof RateLimitedError)
          return next(
            Object.assign(new Error(err.message), { data: { code: err.code, retryAfterMs: err.retryAfterMs } }),
          );
        return next(err instanceof Error ? err : new Error(String(err)));
      }
      const parsed = VisitorAuth.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success)
        return next(
          Object.assign(new Error(`Invalid handshake: ${describeZodError(parsed.error)}`), {
            data: { code: 'invalid_handshake' },
          }),
        );
      // A failing store or database refuses this handshake through the guard ({code:'internal'}, logged).
      socket.data = await startSession(parsed.data, address);
      next();
    }),
  );

  /** Which conversation this socket continues: the token's, or a verified identity's, or a new one. */
  async function startSession(auth: VisitorAuth, address: string): Promise<VisitorSocketData> {
    const claims = auth.token ? await tokens.verifyVisitor(auth.token) : null;
    const fromToken = claims ? { conversationId: claims.cid, visitorId: claims.vid } : null;
    const check = await deps.identities.check(auth.visitor);
    if (check.problem) log.warn({ problem: check.problem }, 'visitor identity not verified; treated as unverified');
    // Only a proven identity finds its earlier conversations (also from another device).
    const session =
      check.verified && check.identity?.id
        ? await deps.verifiedVisitors.resume(check.identity.id, fromToken)
        : fromToken;
    const conversationId = session?.conversationId ?? randomUUID();
    const visitorId = session?.visitorId ?? randomUUID();
    const sameSession = fromToken?.conversationId === conversationId && fromToken.visitorId === visitorId;
    return {
      conversationId,
      visitorId,
      identity: check.identity,
      verified: check.verified,
      page: auth.page,
      token: sameSession && auth.token ? auth.token : await tokens.signVisitor({ cid: conversationId, vid: visitorId }),
      lastMessageId: sameSession ? auth.lastMessageId : undefined,
      address,
      browserLanguage: supportedLanguage(auth.locale),
    };
  }

  nsp.on('connection', (socket) => {
    const data = socket.data;
    // Handlers first, before any await: events sent right after connecting must not be dropped.
    let identitySaved = false;
    // Messages sent at once before the conversation exists all wait for one new-conversation count.
    let creation: Promise<void> | null = null;
    const countNewConversation = () =>
      (creation ??= limits.consume('conversation.address', data.address).catch((err: unknown) => {
        creation = null;
        throw err;
      }));
    socket.on(
      'message',
      ackedHandler(VisitorMessageIn, log, async (msg) => {
        // Per conversation and per address, not per socket: more sockets or a reconnect gain nothing.
        await limits.consume('message.conversation', data.conversationId);
        await limits.consume('message.address', data.address);
        if (msg.page) data.page = msg.page;
        const res = await conversations.receiveVisitorMessage({
          conversationId: data.conversationId,
          visitorId: data.visitorId,
          identity: data.identity,
          verified: data.verified,
          page: msg.page ?? data.page,
          clientMessageId: msg.clientMessageId,
          text: msg.text,
          ...(msg.attachments?.length ? { attachments: msg.attachments } : {}),
          identityChanged: !identitySaved && data.identity !== undefined,
          beforeCreate: countNewConversation,
          browserLanguage: data.browserLanguage,
          asksForHuman: msg.human === true,
        });
        identitySaved = true;
        // Every tab of this conversation switches to the language the visitor now writes in.
        const language = res.conversation.language;
        if (res.languageChanged && language)
          nsp.to(visitorRoom(data.conversationId)).emit('language', { language, text: widgetText(language) });
        return { id: res.message.id };
      }) as VisitorClientToServer['message'],
    );

    socket.on(
      'csat',
      ackedHandler(CsatIn, log, async ({ score, comment }) => {
        await limits.consume('csat.conversation', data.conversationId);
        await deps.feedback.recordCsat(data.conversationId, score, comment ?? null);
        return {};
      }) as VisitorClientToServer['csat'],
    );
    socket.on(
      'contact',
      ackedHandler(ContactIn, log, async ({ email }) => {
        await limits.consume('contact.conversation', data.conversationId);
        await conversations.setContactEmail(data.conversationId, email);
        return {};
      }) as VisitorClientToServer['contact'],
    );

    // The widget sends `page` without an ack; a client that passes one learns why a page was refused.
    socket.on(
      'page',
      ackedHandler(VisitorPageIn, log, async (page) => {
        data.page = page;
        // One at a time per conversation, so the page trail keeps the order the visitor moved in
        // (two pooled connections could otherwise commit p2 before p1). Over the limit the page is
        // not recorded (the next message still carries its page).
        await pageWrites.run(data.conversationId, async () => {
          await limits.consume('page.conversation', data.conversationId);
          await conversations.repo.recordPage(data.conversationId, page);
        });
        return {};
      }) as VisitorClientToServer['page'],
    );

    socket.on(
      'sync',
      ackedHandler(SyncIn, log, async ({ afterId }) => {
        await limits.consume('sync.conversation', data.conversationId);
        return { messages: (await conversations.repo.messages(data.conversationId, afterId)).map(stripMeta) };
      }) as VisitorClientToServer['sync'],
    );

    socket.on(
      'feedback',
      ackedHandler(FeedbackIn, log, async ({ messageId, helpful }) => {
        await limits.consume('feedback.conversation', data.conversationId);
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
    socket.emit('session', {
      conversationId: data.conversationId,
      token: data.token,
      status: existing?.status ?? 'bot',
    });
    // The widget has English built in; any other language's texts come with the session.
    const language = existing?.language ?? data.browserLanguage;
    if (language && language !== DEFAULT_LANGUAGE) socket.emit('language', { language, text: widgetText(language) });
    if (!existing) return;
    if (data.page) await conversations.repo.recordPage(existing.id, data.page);
    if (data.lastMessageId) {
      for (const m of await conversations.repo.messages(existing.id, data.lastMessageId))
        socket.emit('message', stripMeta(m));
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
