import type { ChatMessage } from '../../protocol/domain.js';
import { DomainEvents } from '../../protocol/events.js';
import { priorityBand } from '../../protocol/priority-bands.js';
import type { Clock } from '../clock.js';
import {
  createConversationRepository,
  toSummary,
  type ConversationRow,
} from '../conversations/conversation-repository.js';
import type { Db, Queryable } from '../db/db.js';
import type { EventBus } from '../events/event-bus.js';
import type { NotificationRepository } from '../notifications/notification-repository.js';
import { enqueueDelivery } from '../notifications/outbox.js';
import { noWebhooks, type WebhookOutbox } from '../notifications/webhook-outbox.js';
import { slaBand, type SlaPolicies } from './sla-policy.js';
import { say } from '../../protocol/messages/catalogue.js';

export interface SlaSweepResult {
  warned: number;
  breached: number;
}

/**
 * Evaluates stored SLA deadlines against the clock. Idempotent and safe on several nodes: rows
 * are locked with SKIP LOCKED and marked warned/breached in the same transaction as the alerts.
 */
export function createSlaSweeper(deps: {
  db: Db;
  bus: EventBus;
  clock: Clock;
  sla: SlaPolicies;
  notifications: NotificationRepository;
  /**
   * Webhooks (SLA alerts and the customer notice's `message.created`), written with the alert, to every endpoint that
   * takes them.
   */
  webhooks?: WebhookOutbox;
  pagerduty?: { routingKey: string; url: string };
}) {
  const webhooks = deps.webhooks ?? noWebhooks;
  return {
    async sweep(): Promise<SlaSweepResult> {
      const now = deps.clock();
      const after: Array<() => void> = [];
      let warned = 0;
      let breached = 0;
      await deps.db.transaction(async (tx) => {
        const { rows } = await tx.query<
          ConversationRow & { deadline: 'first_response' | 'resolution'; due: Date; phase: 'breach' | 'warn' }
        >(
          `SELECT c.*, d.deadline, d.due, d.phase FROM conversations c
           CROSS JOIN LATERAL (
             SELECT * FROM (VALUES
               ('first_response', c.first_response_due_at, c.first_response_warn_at,
                 c.first_human_response_at IS NULL),
               ('resolution', c.resolution_due_at, c.resolution_warn_at, true)
             ) AS x(deadline, due, warn_at, open)
             CROSS JOIN LATERAL (SELECT CASE
               WHEN c.sla_breached_at IS NULL AND x.due <= $1 THEN 'breach'
               -- The warning time is stored with the deadline (in open time); older rows use the share of wall time.
               WHEN c.sla_warned_at IS NULL AND c.sla_breached_at IS NULL
                    AND COALESCE(x.warn_at, c.handed_off_at + (x.due - c.handed_off_at) * (1 - $2::float8)) <= $1
                      THEN 'warn'
             END AS phase) p
             WHERE x.open AND x.due IS NOT NULL AND p.phase IS NOT NULL
             ORDER BY p.phase = 'breach' DESC, x.due LIMIT 1
           ) d
           WHERE c.status IN ('queued', 'assigned')
           ORDER BY c.priority DESC
           LIMIT 100
           FOR UPDATE OF c SKIP LOCKED`,
          [now, deps.sla.warnAtRemainingFraction],
        );
        for (const row of rows) {
          if (row.phase === 'breach') {
            breached++;
            await breach(tx, row, row.deadline, row.due, now, after);
          } else {
            warned++;
            await warn(tx, row, row.deadline, row.due, now, after);
          }
        }
      });
      for (const f of after) f();
      return { warned, breached };
    },
  };

  async function warn(
    tx: Queryable,
    row: ConversationRow,
    deadline: 'first_response' | 'resolution',
    due: Date,
    now: Date,
    after: Array<() => void>,
  ) {
    const res = await tx.query<ConversationRow>(
      `UPDATE conversations SET sla_warned_at = $2 WHERE id = $1 RETURNING *`,
      [row.id, now],
    );
    const c = toSummary(res.rows[0]!);
    const what = deadline === 'first_response' ? 'first response' : 'resolution';
    const minutes = Math.max(0, Math.round((due.getTime() - now.getTime()) / 60000));
    const n = await deps.notifications.create(tx, {
      userId: row.assignee_id, // unassigned: every manager sees it
      kind: 'sla_warning',
      conversationId: row.id,
      title: `SLA ${what} due in ${minutes} min`,
      body: `${row.handoff?.reason ?? 'Handed-off conversation'} — priority ${row.priority}.`,
      at: now,
    });
    await tx.query(
      `INSERT INTO conversation_events (conversation_id, type, actor, ` +
        `data, created_at) VALUES ($1, 'sla_warning', 'sla', $2::jsonb, $3)`,
      [row.id, JSON.stringify({ deadline, dueAt: due.toISOString() }), now],
    );
    await webhooks.send(tx, DomainEvents.slaWarning, { conversationId: row.id, deadline, dueAt: due.toISOString() });
    after.push(() => {
      deps.bus.emit(DomainEvents.notificationCreated, { notification: n });
      deps.bus.emit(DomainEvents.slaWarning, { conversation: c, deadline, dueAt: due.toISOString() });
    });
  }

  async function breach(
    tx: Queryable,
    row: ConversationRow,
    deadline: 'first_response' | 'resolution',
    due: Date,
    now: Date,
    after: Array<() => void>,
  ) {
    const res = await tx.query<ConversationRow>(
      `UPDATE conversations SET sla_breached_at = $2, ` +
        `sla_warned_at = COALESCE(sla_warned_at, $2) WHERE id = $1 RETURNING *`,
      [row.id, now],
    );
    const c = toSummary(res.rows[0]!);
    const what = deadline === 'first_response' ? 'first response' : 'resolution';
    await tx.query(
      `INSERT INTO escalation_tasks (conversation_id, kind, reason, due_at, ` +
        `created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.id, `sla_breach_${deadline}`, `The ${what} deadline passed.`, due, now],
    );
    await tx.query(
      `INSERT INTO conversation_events (conversation_id, type, actor, ` +
        `data, created_at) VALUES ($1, 'sla_breached', 'sla', $2::jsonb, $3)`,
      [row.id, JSON.stringify({ deadline, dueAt: due.toISOString() }), now],
    );
    const managerNote = await deps.notifications.create(tx, {
      userId: null,
      kind: 'sla_breach',
      conversationId: row.id,
      title: `SLA breached: ${what}`,
      body:
        `${row.handoff?.reason ?? 'Handed-off conversation'} — ${priorityBand(row.priority).label.toLowerCase()} ` +
        `priority (${row.priority}), ${row.status === 'assigned' ? 'assigned' : 'still unassigned'}.`,
      at: now,
    });
    const { message } = await createConversationRepository(tx).insertMessage({
      conversationId: row.id,
      role: 'system',
      text: say(c.language, 'escalated'),
      meta: { event: 'sla_escalated' },
    });
    await webhooks.record(tx, DomainEvents.messageCreated, { message, conversation: c });
    await webhooks.send(tx, DomainEvents.slaBreached, {
      conversationId: row.id,
      deadline,
      dueAt: due.toISOString(),
      priority: row.priority,
    });
    const critical = slaBand(row.priority, deps.sla).name === 'critical';
    if (critical && deps.pagerduty) {
      await enqueueDelivery(
        tx,
        {
          target: 'pagerduty',
          url: deps.pagerduty.url,
          event: 'pagerduty.trigger',
          payload: {
            routing_key: deps.pagerduty.routingKey,
            event_action: 'trigger',
            dedup_key: `firstline-sla-${row.id}-${deadline}`,
            payload: {
              summary: `Firstline: critical conversation breached its ${what} SLA — ${row.handoff?.reason ?? ''}`.slice(
                0,
                1024,
              ),
              source: 'firstline',
              severity: 'critical',
              timestamp: now.toISOString(),
              custom_details: {
                conversationId: row.id,
                priority: row.priority,
                intent: row.handoff?.intent ?? null,
                dueAt: due.toISOString(),
              },
            },
          },
        },
        now,
      );
    }
    after.push(() => {
      deps.bus.emit(DomainEvents.notificationCreated, { notification: managerNote });
      deps.bus.emit(DomainEvents.messageCreated, { message: message as ChatMessage, conversation: c });
      deps.bus.emit(DomainEvents.slaBreached, { conversation: c, deadline, dueAt: due.toISOString() });
    });
  }
}
export type SlaSweeper = ReturnType<typeof createSlaSweeper>;
