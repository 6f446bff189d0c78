import { DomainEvents } from '../../protocol/events.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { Db } from '../db/db.js';
import type { ConversationSummary } from '../conversations/conversation-types.js';
import { listenerFor } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { queueStatuses } from '../routing/queue-status.js';
import { isOpen, nextOpening } from '../routing/office-hours.js';
import { loadTeamHours, pickTeamHours } from '../routing/team-office-hours.js';
import type { AgentNamespace } from './agent-namespace.js';
import { AGENTS_ROOM, agentRoom, MANAGERS_ROOM, visitorRoom } from './rooms.js';
import type { VisitorNamespace } from './visitor-namespace.js';
import { stripMeta } from './visitor-namespace.js';

/** Pushes domain events to the sockets that care: the visitor's widget and the agents' consoles. */
export function createBroadcastListeners(deps: {
  db: Db;
  conversations: ConversationService;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  log: Logger;
}) {
  const { conversations, visitors, agents, log } = deps;

  async function onlineAgents(): Promise<number> {
    const { rows } = await deps.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE presence = 'online' AND presence_manual IS NULL`,
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * For queued conversations whose team is outside its office hours: when it is back (ISO). One
   * query for the teams, and one for the conversations only when some team has office hours.
   */
  async function closedUntil(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const teams = await loadTeamHours(deps.db);
    if (teams.length === 0) return out;
    const now = conversations.clock();
    const { rows } = await deps.db.query<{ id: string; team_id: string | null; skill: string | null }>(
      `SELECT id, team_id, skill FROM conversations WHERE id = ANY ($1::text[])`,
      [ids],
    );
    for (const r of rows) {
      const team = pickTeamHours(teams, { teamId: r.team_id, skill: r.skill });
      if (!team || isOpen(team.hours, now)) continue;
      const back = nextOpening(team.hours, now);
      if (back) out.set(r.id, back.toISOString());
    }
    return out;
  }

  /**
   * Tells waiting visitors their position. Bursts of queue changes coalesce into one pass, and a
   * visitor is only sent a notice when their position, wait or staffing changed.
   */
  const lastSent = new Map<string, string>();
  let pending: Promise<void> | null = null;
  let rerun = false;
  async function refreshOnce(): Promise<void> {
    const queue = await conversations.repo.queue(conversations.clock());
    const online = await onlineAgents();
    const statuses = queueStatuses(queue, online);
    const closed = await closedUntil(queue.map((q) => q.id));
    const waiting = new Set<string>();
    for (const entry of queue) {
      waiting.add(entry.id);
      const s = statuses.get(entry.id)!;
      const backAt = closed.get(entry.id) ?? null;
      const key = `${s.queuePosition}|${s.etaSeconds}|${online}|${backAt}`;
      if (lastSent.get(entry.id) === key) continue;
      lastSent.set(entry.id, key);
      visitors
        .to(visitorRoom(entry.id))
        .emit('handoff', { conversationId: entry.id, reason: entry.reason, ...s, agentsOnline: online, backAt });
    }
    for (const id of lastSent.keys()) if (!waiting.has(id)) lastSent.delete(id);
  }
  function refreshQueue(): Promise<void> {
    if (pending) {
      rerun = true;
      return pending;
    }
    pending = (async () => {
      try {
        do {
          rerun = false;
          await refreshOnce();
        } while (rerun);
      } finally {
        pending = null;
      }
    })();
    return pending;
  }
  const refreshQueueLogged = () => refreshQueue().catch((err) => log.error({ err }, 'queue refresh failed'));

  const onMessageCreated = listenerFor(DomainEvents.messageCreated, ({ message, conversation }) => {
    const wire = stripMeta(message);
    visitors.to(visitorRoom(conversation.id)).emit('message', wire);
    if (conversation.status !== 'bot') agents.to(AGENTS_ROOM).emit('message', wire);
  });

  // The pipeline scores a visitor message after it was broadcast, so its sentiment follows on its own.
  const onMessageScored = listenerFor(DomainEvents.messageScored, (scored) => {
    agents.to(AGENTS_ROOM).emit('message:sentiment', scored);
  });

  const onHandoffRequested = listenerFor(DomainEvents.handoffRequested, async ({ conversation, handoff }) => {
    const detail = await conversations.repo.detail(conversation.id);
    agents.to(AGENTS_ROOM).emit('handoff', {
      conversationId: conversation.id,
      priority: handoff.priority,
      reason: handoff.reason,
      brief: handoff.brief,
      intent: handoff.intent,
      sentiment: handoff.sentiment,
      page: detail?.page ?? null,
      visitor: detail?.visitor ?? { id: conversation.visitorId, verified: false },
    });
    agents
      .to(AGENTS_ROOM)
      .emit('conversation:updated', { conversationId: conversation.id, status: conversation.status, assigneeId: null });
    await refreshQueue();
  });

  const onConversationAssigned = listenerFor(DomainEvents.conversationAssigned, async ({ conversation, agent }) => {
    visitors.to(visitorRoom(conversation.id)).emit('agent:joined', { name: agent.name });
    agents.to(AGENTS_ROOM).emit('conversation:updated', {
      conversationId: conversation.id,
      status: conversation.status,
      assigneeId: agent.id,
    });
    await refreshQueue();
  });

  const onConversationResolved = listenerFor(DomainEvents.conversationResolved, async ({ conversation }) => {
    // Ask for a rating when a person resolved it (an AI-resolved chat was already rated "helpful").
    visitors
      .to(visitorRoom(conversation.id))
      .emit('conversation:resolved', { conversationId: conversation.id, csat: !conversation.aiResolved });
    agents.to(AGENTS_ROOM).emit('conversation:updated', {
      conversationId: conversation.id,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
    });
    await refreshQueue();
  });

  const onConversationOffered = listenerFor(
    DomainEvents.conversationOffered,
    ({ conversation, agentId, expiresAt }) => {
      agents.to(agentRoom(agentId)).emit('offer', {
        conversationId: conversation.id,
        expiresAt,
        reason: conversation.handoff?.reason ?? '',
        priority: conversation.priority,
      });
    },
  );

  const onConversationRequeued = listenerFor(DomainEvents.conversationRequeued, async ({ conversation }) => {
    agents
      .to(AGENTS_ROOM)
      .emit('conversation:updated', { conversationId: conversation.id, status: conversation.status, assigneeId: null });
    await refreshQueue();
  });

  const onConversationTransferred = listenerFor(DomainEvents.conversationTransferred, async ({ conversation }) => {
    agents.to(AGENTS_ROOM).emit('conversation:updated', {
      conversationId: conversation.id,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
    });
    await refreshQueue();
  });

  /** SLA warnings and breaches. */
  const onSlaChanged = ({ conversation }: { conversation: ConversationSummary }) => {
    agents.to(AGENTS_ROOM).emit('conversation:updated', {
      conversationId: conversation.id,
      status: conversation.status,
      assigneeId: conversation.assigneeId,
    });
  };

  /** Pushes a stored console notification to its agent, or to every manager. */
  const onNotificationCreated = listenerFor(DomainEvents.notificationCreated, ({ notification: n }) => {
    const { userId: _u, readAt: _r, ...wire } = n;
    (n.userId ? agents.to(agentRoom(n.userId)) : agents.to(MANAGERS_ROOM)).emit('notification', wire);
  });

  return {
    /** The handlers server/listeners.ts subscribes to domain events. */
    on: {
      messageCreated: onMessageCreated,
      messageScored: onMessageScored,
      handoffRequested: onHandoffRequested,
      conversationAssigned: onConversationAssigned,
      conversationResolved: onConversationResolved,
      conversationOffered: onConversationOffered,
      conversationRequeued: onConversationRequeued,
      conversationTransferred: onConversationTransferred,
      slaChanged: onSlaChanged,
      notificationCreated: onNotificationCreated,
    },
    refreshQueue: refreshQueueLogged,
    delta(conversationId: string, replyTo: string, delta: string) {
      visitors.to(visitorRoom(conversationId)).emit('message:delta', { conversationId, replyTo, delta });
    },
    discardDraft(conversationId: string, replyTo: string) {
      visitors.to(visitorRoom(conversationId)).emit('message:discard', { conversationId, replyTo });
    },
    typing(conversationId: string, on: boolean) {
      visitors.to(visitorRoom(conversationId)).emit('typing', { role: 'ai', typing: on });
    },
    /** A visitor who reconnects while queued gets their position again. */
    async sendQueueStatus(conversationId: string) {
      lastSent.delete(conversationId);
      const queue = await conversations.repo.queue(conversations.clock());
      const online = await onlineAgents();
      const s = queueStatuses(queue, online).get(conversationId);
      const entry = queue.find((q) => q.id === conversationId);
      const backAt = (await closedUntil([conversationId])).get(conversationId) ?? null;
      if (s && entry)
        visitors
          .to(visitorRoom(conversationId))
          .emit('handoff', { conversationId, reason: entry.reason, ...s, agentsOnline: online, backAt });
    },
  };
}
export type BroadcastListeners = ReturnType<typeof createBroadcastListeners>;
