import { DomainEvents } from '../../protocol/events.js';
import type { Clock } from '../clock.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { toSummary, type ConversationRow } from '../conversations/conversation-repository.js';
import type { ConversationSummary } from '../conversations/conversation-types.js';
import type { Db } from '../db/db.js';
import type { EventBus } from '../events/event-bus.js';
import { loadRoster } from './agent-roster.js';
import { chooseAgent, DEFAULT_ROUTING_OPTIONS } from './choose-agent.js';
import { queueOrderSql } from './priority.js';

export interface RouterOptions {
  /** `offer`: the best agent is offered the chat and claims it; `auto`: it is assigned outright. */
  mode: 'offer' | 'auto';
  /** An offer not taken in this time moves to the next agent. */
  offerSeconds: number;
  /** An assigned chat nobody answers in this time goes to the next agent. */
  responseTimeoutSeconds: number;
  generalistAfterSeconds: number;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = {
  mode: 'offer',
  offerSeconds: 60,
  responseTimeoutSeconds: 180,
  generalistAfterSeconds: DEFAULT_ROUTING_OPTIONS.generalistAfterSeconds,
};

export interface DrainResult {
  assigned: number;
  offered: number;
  requeued: number;
}

/**
 * Matches waiting conversations with agents, in service order (`queueOrderSql`: priority plus
 * time waited, the same order visitors see as their queue position). Safe on several nodes: rows are
 * taken with FOR UPDATE SKIP LOCKED, webhooks are written with the change, and notifications go out
 * only after the commit.
 */
export function createRouter(deps: {
  db: Db;
  bus: EventBus;
  conversations: ConversationService;
  clock: Clock;
  options?: Partial<RouterOptions>;
}) {
  const o = { ...DEFAULT_ROUTER_OPTIONS, ...deps.options };
  let loop: Promise<DrainResult> | null = null;
  let again = false;

  async function drainOnce(): Promise<DrainResult> {
    const now = deps.clock();
    const assigned: Array<{ c: ConversationSummary; agent: { id: string; name: string }; why: string }> = [];
    const offered: Array<{ c: ConversationSummary; agentId: string }> = [];
    const requeued: Array<{ c: ConversationSummary; fromAgentId: string }> = [];

    await deps.db.transaction(async (tx) => {
      // Assigned chats nobody answered go back to the queue, without that agent.
      const stale = await tx.query<ConversationRow>(
        `SELECT * FROM conversations
         WHERE status = 'assigned' AND first_human_response_at IS NULL AND assigned_at < $1
         FOR UPDATE SKIP LOCKED`,
        [new Date(now.getTime() - o.responseTimeoutSeconds * 1000)],
      );
      for (const row of stale.rows) {
        const res = await tx.query<ConversationRow>(
          `UPDATE conversations SET status = 'queued', assignee_id = NULL, declined_by = array_append(declined_by,
             assignee_id), updated_at = $2
           WHERE id = $1 RETURNING *`,
          [row.id, now],
        );
        await tx.query(
          `INSERT INTO conversation_events (conversation_id, type, actor, from_status, to_status, data, created_at)
           VALUES ($1, 'requeued', 'router', 'assigned', 'queued', $2::jsonb, $3)`,
          [
            row.id,
            JSON.stringify({ reason: 'no_response', agentId: row.assignee_id, afterSeconds: o.responseTimeoutSeconds }),
            now,
          ],
        );
        requeued.push({ c: toSummary(res.rows[0]!), fromAgentId: row.assignee_id! });
      }

      const queued = await tx.query<ConversationRow & { declined_by: string[] }>(
        `SELECT * FROM conversations WHERE status = 'queued' AND (offered_to IS NULL OR offer_expires_at <= $1)
         ORDER BY ${queueOrderSql('$2')} LIMIT 200 FOR UPDATE SKIP LOCKED`,
        [now, now.getTime()],
      );
      if (queued.rows.length === 0) return;
      const roster = await loadRoster(tx, now);
      const byId = new Map(roster.map((a) => [a.id, a]));

      for (const row of queued.rows) {
        const offerLive = row.offered_to && row.offer_expires_at && row.offer_expires_at > now;
        if (offerLive) continue;
        const declined = [...(row.declined_by ?? []), ...(row.offered_to ? [row.offered_to] : [])];
        const choice = chooseAgent(
          {
            skill: row.skill,
            language: row.language,
            previousAssigneeId: row.previous_assignee_id,
            waitedSeconds: row.handed_off_at ? (now.getTime() - row.handed_off_at.getTime()) / 1000 : 0,
            exclude: declined,
          },
          roster,
          { generalistAfterSeconds: o.generalistAfterSeconds },
        );
        if (!choice) {
          if (row.offered_to) {
            await tx.query(
              `UPDATE conversations SET offered_to = NULL, offer_expires_at = NULL, declined_by = $2 WHERE id = $1`,
              [row.id, declined],
            );
          }
          continue;
        }
        const agent = byId.get(choice.agentId)!;
        agent.load += 1; // later rows in this pass see the new load
        if (o.mode === 'auto') {
          const res = await tx.query<ConversationRow>(
            `UPDATE conversations SET status = 'assigned', assignee_id = $2, assigned_at = $3, updated_at = $3,
               offered_to = NULL, offer_expires_at = NULL, declined_by = $4
             WHERE id = $1 RETURNING *`,
            [row.id, agent.id, now, declined],
          );
          await tx.query(
            `INSERT INTO conversation_events (conversation_id, type, actor, from_status, to_status, data, created_at)
             VALUES ($1, 'assigned', 'router', 'queued', 'assigned', $2::jsonb, $3)`,
            [row.id, JSON.stringify({ agent: agent.name, agentId: agent.id, why: choice.why }), now],
          );
          const c = toSummary(res.rows[0]!);
          await deps.conversations.webhooks.record(tx, DomainEvents.conversationAssigned, {
            conversation: c,
            agent: { id: agent.id, name: agent.name },
          });
          assigned.push({ c, agent: { id: agent.id, name: agent.name }, why: choice.why });
        } else {
          const expires = new Date(now.getTime() + o.offerSeconds * 1000);
          const res = await tx.query<ConversationRow>(
            `UPDATE conversations SET offered_to = $2, offer_expires_at = $3, ` +
              `declined_by = $4 WHERE id = $1 RETURNING *`,
            [row.id, agent.id, expires, declined],
          );
          await tx.query(
            `INSERT INTO conversation_events (conversation_id, type, actor, from_status, to_status, data, created_at)
             VALUES ($1, 'offered', 'router', 'queued', 'queued', $2::jsonb, $3)`,
            [
              row.id,
              JSON.stringify({
                agent: agent.name,
                agentId: agent.id,
                why: choice.why,
                expiresAt: expires.toISOString(),
              }),
              now,
            ],
          );
          offered.push({ c: toSummary(res.rows[0]!), agentId: agent.id });
        }
      }
    });

    for (const r of requeued)
      deps.bus.emit(DomainEvents.conversationRequeued, {
        conversation: r.c,
        fromAgentId: r.fromAgentId,
        reason: 'no_response',
      });
    for (const a of assigned) await deps.conversations.announceAssignment(a.c, a.agent);
    for (const f of offered)
      deps.bus.emit(DomainEvents.conversationOffered, {
        conversation: f.c,
        agentId: f.agentId,
        expiresAt: f.c.offerExpiresAt!,
      });
    return { assigned: assigned.length, offered: offered.length, requeued: requeued.length };
  }

  return {
    options: o,
    /** Resolves when no routing pass is running (tests, graceful shutdown). */
    async idle(): Promise<void> {
      while (loop) await loop.catch(() => undefined);
    },
    /**
     * Runs a routing pass. A call made while a pass is running waits for one more full pass
     * (calls made meanwhile share it), so it always sees the state as of its own call.
     */
    drain(): Promise<DrainResult> {
      if (loop) {
        again = true;
        return loop;
      }
      loop = (async () => {
        const total: DrainResult = { assigned: 0, offered: 0, requeued: 0 };
        try {
          do {
            again = false;
            const r = await drainOnce();
            total.assigned += r.assigned;
            total.offered += r.offered;
            total.requeued += r.requeued;
          } while (again);
          return total;
        } finally {
          loop = null;
        }
      })();
      return loop;
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
