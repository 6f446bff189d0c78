import type { Namespace } from 'socket.io';
import { AgentAuth, AgentMessageIn, ConversationRef, PresenceIn, type AgentClientToServer, type AgentServerToClient } from '../../protocol/agent-socket.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { Actor, ConversationService } from '../conversations/conversation-service.js';
import type { Logger } from '../logger.js';
import { ackedHandler } from './acked-handler.js';
import { guardedMiddleware } from './guarded-middleware.js';
import { AGENTS_ROOM, agentRoom, MANAGERS_ROOM } from './rooms.js';

export interface AgentSocketData {
  agent: Actor;
  /** Receives alerts meant for whoever is in charge (SLA breaches). */
  manager: boolean;
}
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;

/** `/agent`: the console's connection; only signed-in agents and admins get in. */
export function setupAgentNamespace(
  nsp: AgentNamespace,
  deps: { tokens: TokenService; users: UserRepository; conversations: ConversationService; log: Logger; onPresenceChanged?: () => void },
): void {
  const { tokens, users, conversations, log } = deps;

  nsp.use(guardedMiddleware(log, '/agent', async (socket, next) => {
    const parsed = AgentAuth.safeParse(socket.handshake.auth ?? {});
    const claims = parsed.success ? await tokens.verifyAgent(parsed.data.token) : null;
    const user = claims ? await users.get(claims.sub).catch(() => null) : null;
    if (!user) return next(Object.assign(new Error('Sign in first: the agent connection needs a valid token.'), { data: { code: 'unauthorized' } }));
    socket.data = { agent: { id: user.id, name: user.name, role: user.role }, manager: user.role === 'admin' || user.level === 'manager' };
    next();
  }));

  nsp.on('connection', (socket) => {
    const { agent } = socket.data;
    // Joining is synchronous with the in-memory adapter and handlers are registered before any
    // await, so nothing the console sends right after connecting is dropped.
    void socket.join([AGENTS_ROOM, agentRoom(agent.id), ...(socket.data.manager ? [MANAGERS_ROOM] : [])]);
    users
      .setPresence(agent.id, 'online')
      .then(() => deps.onPresenceChanged?.())
      .catch((err) => log.warn({ err }, 'presence update failed'));

    socket.on(
      'claim',
      ackedHandler(ConversationRef, log, async ({ conversationId }) => {
        await conversations.claim(conversationId, agent);
        return {};
      }) as AgentClientToServer['claim'],
    );
    socket.on(
      'message',
      ackedHandler(AgentMessageIn, log, async (m) => {
        const message = await conversations.agentReply({ conversationId: m.conversationId, agent, clientMessageId: m.clientMessageId, text: m.text });
        return { id: message.id };
      }) as AgentClientToServer['message'],
    );
    socket.on(
      'resolve',
      ackedHandler(ConversationRef, log, async ({ conversationId }) => {
        await conversations.resolve(conversationId, agent);
        return {};
      }) as AgentClientToServer['resolve'],
    );

    socket.on(
      'presence',
      ackedHandler(PresenceIn, log, async ({ status }) => {
        await users.setManualPresence(agent.id, status === 'away' ? 'away' : null);
        deps.onPresenceChanged?.();
        return {};
      }) as AgentClientToServer['presence'],
    );

    // No presence change on disconnect: a reload or a network blip must not bounce the agent.
    // The presence sweeper marks them away once no node has seen them for the grace period.
  });
}
