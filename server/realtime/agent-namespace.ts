import type { Namespace } from 'socket.io';
import {
  AgentAuth,
  AgentMessageIn,
  ConversationRef,
  PresenceIn,
  type AgentClientToServer,
  type AgentServerToClient,
} from '../../protocol/agent-socket.js';
import { DomainEvents } from '../../protocol/events.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { Actor, ConversationService } from '../conversations/conversation-service.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { ackedHandler } from './acked-handler.js';
import { guardedMiddleware } from './guarded-middleware.js';
import { AGENTS_ROOM, agentRoom, MANAGERS_ROOM } from './rooms.js';

export interface AgentSocketData {
  agent: Actor;
  /** Receives alerts meant for whoever is in charge (SLA breaches). */
  manager: boolean;
}
export type AgentNamespace = Namespace<
  AgentClientToServer,
  AgentServerToClient,
  Record<string, never>,
  AgentSocketData
>;

/** `/agent`: the console's connection; only signed-in agents and admins get in. */
export function setupAgentNamespace(
  nsp: AgentNamespace,
  deps: { tokens: TokenService; users: UserRepository; conversations: ConversationService; log: Logger; bus: EventBus },
): void {
  const { tokens, users, conversations, log } = deps;

  const unauthorized = () =>
    Object.assign(new Error('Sign in first: the agent connection needs a valid token.'), {
      data: { code: 'unauthorized' },
    });
  nsp.use(
    guardedMiddleware(log, '/agent', async (socket, next) => {
      const parsed = AgentAuth.safeParse(socket.handshake.auth ?? {});
      // verifyAgent checks the stored user: exists, enabled, token version current; role and level are the stored ones.
      // A failing user lookup refuses through the guard as {code:'internal'}, not as a sign-out.
      const claims = parsed.success ? await tokens.verifyAgent(parsed.data.token) : null;
      if (!claims) return next(unauthorized());
      socket.data = {
        agent: { id: claims.sub, name: claims.name, role: claims.role },
        manager: claims.role === 'admin' || claims.level === 'manager',
      };
      next();
    }),
  );

  nsp.on('connection', (socket) => {
    const { agent } = socket.data;
    const token = (socket.handshake.auth as { token: string }).token;
    // Sockets of a user whose tokens were revoked are closed at once (see start-server's
    // onSessionsRevoked); this re-check before every event also covers what that cannot see,
    // such as a user deleted in the database. One primary-key lookup per event.
    socket.use((packet, next) => {
      tokens.verifyAgent(token).then(
        (claims) => {
          if (claims) {
            socket.data.manager = claims.role === 'admin' || claims.level === 'manager';
            return next();
          }
          const ack = packet[packet.length - 1];
          if (typeof ack === 'function')
            ack({ ok: false, error: { code: 'unauthorized', message: 'Your session has ended; sign in again.' } });
          socket.disconnect(true);
        },
        (err: unknown) => {
          log.error({ err, event: packet[0] }, 'agent session check failed');
          const ack = packet[packet.length - 1];
          if (typeof ack === 'function')
            ack({
              ok: false,
              error: { code: 'internal', message: 'Something went wrong on our side; please try again.' },
            });
        },
      );
    });
    // Joining is synchronous with the in-memory adapter and handlers are registered before any
    // await, so nothing the console sends right after connecting is dropped.
    void socket.join([AGENTS_ROOM, agentRoom(agent.id), ...(socket.data.manager ? [MANAGERS_ROOM] : [])]);
    users
      .setPresence(agent.id, 'online')
      .then(() => deps.bus.emit(DomainEvents.agentPresenceChanged, { agentId: agent.id }))
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
        const message = await conversations.agentReply({
          conversationId: m.conversationId,
          agent,
          clientMessageId: m.clientMessageId,
          text: m.text,
        });
        return { id: message.id };
      }) as AgentClientToServer['message'],
    );
    socket.on(
      'resolve',
      ackedHandler(ConversationRef, log, async ({ conversationId }) => {
        await conversations.resolveAsAgent(conversationId, agent, { manager: socket.data.manager });
        return {};
      }) as AgentClientToServer['resolve'],
    );

    socket.on(
      'presence',
      ackedHandler(PresenceIn, log, async ({ status }) => {
        await users.setManualPresence(agent.id, status === 'away' ? 'away' : null);
        deps.bus.emit(DomainEvents.agentPresenceChanged, { agentId: agent.id });
        return {};
      }) as AgentClientToServer['presence'],
    );

    // No presence change on disconnect: a reload or a network blip must not bounce the agent.
    // The presence sweeper marks them away once no node has seen them for the grace period.
  });
}
