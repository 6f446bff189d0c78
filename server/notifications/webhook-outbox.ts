import { DomainEvents } from '../../protocol/events.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import type { DomainEventMap } from '../events/event-bus.js';
import { enqueueDelivery, orderingKey } from './outbox.js';

/** The domain events that go out as signed webhooks, and the `data` each one carries. */
const WEBHOOK_BODIES = {
  [DomainEvents.messageCreated]: ({ message }: DomainEventMap['message.created']) => message,
  [DomainEvents.handoffRequested]: ({ conversation, handoff }: DomainEventMap['conversation.handoff_requested']) => ({
    conversationId: conversation.id,
    ...handoff,
  }),
  [DomainEvents.conversationAssigned]: ({ conversation, agent }: DomainEventMap['conversation.assigned']) => ({
    conversationId: conversation.id,
    agent,
  }),
  [DomainEvents.conversationResolved]: ({ conversation, by }: DomainEventMap['conversation.resolved']) => ({
    conversationId: conversation.id,
    by,
  }),
  [DomainEvents.conversationTransferred]: ({
    conversation,
    fromAgentId,
    to,
    kind,
    note,
  }: DomainEventMap['conversation.transferred']) => ({
    conversationId: conversation.id,
    fromAgentId,
    to,
    kind,
    note,
  }),
  [DomainEvents.csatReceived]: (p: DomainEventMap['csat.received']) => p,
};
export type WebhookEventName = keyof typeof WEBHOOK_BODIES;

export interface WebhookOutbox {
  /**
   * Writes the webhook for a domain event into the durable outbox, one delivery per endpoint that
   * takes it (WEBHOOK_URL, and every enabled console endpoint whose filter has the event). Call it
   * with the transaction that makes the change, so the webhook exists exactly when the change does
   * (a crash after the commit cannot lose it); the worker delivers it later.
   */
  record<K extends WebhookEventName>(q: Queryable, event: K, payload: DomainEventMap[K]): Promise<void>;
  /** The same for an event whose `data` is already built (SLA alerts). */
  send(q: Queryable, event: string, data: unknown): Promise<void>;
  /**
   * False when `record` would write nothing (no WEBHOOK_URL, no enabled endpoint): a change of one
   * statement then needs no transaction around it.
   */
  writes(): boolean;
}

export const noWebhooks: WebhookOutbox = {
  record: async () => undefined,
  send: async () => undefined,
  writes: () => false,
};

/**
 * One statement fans an event out: a row for WEBHOOK_URL (endpoint_id NULL, as before endpoints
 * existed) and one per matching endpoint. Ordering is per endpoint and conversation, so a slow
 * endpoint never holds another's deliveries back.
 */
const FAN_OUT_SQL = `
  INSERT INTO webhook_deliveries (target, url, event, payload, ordering_key, next_attempt_at, created_at, endpoint_id)
  SELECT 'webhook', t.url, $1, $2::jsonb, CASE WHEN $3::text IS NULL THEN NULL WHEN t.id IS NULL THEN $3::text
    ELSE t.id || ':' || $3::text END, $4, $4, t.id
  FROM (
    SELECT NULL::text AS id, $5::text AS url WHERE $5::text IS NOT NULL
    UNION ALL
    SELECT id, url FROM webhook_endpoints WHERE enabled AND (cardinality(events) = 0 OR $1 = ANY (events))
  ) t
  RETURNING id`;

/**
 * `endpoints` says whether any console endpoint is enabled (server/notifications/endpoint-presence.ts);
 * without it every event is fanned out over the endpoints table.
 */
export function createWebhookOutbox(deps: {
  url?: string;
  clock: Clock;
  endpoints?: { any(): boolean };
}): WebhookOutbox {
  const url = deps.url ?? null;
  const send = async (q: Queryable, event: string, data: unknown) => {
    if (deps.endpoints && !deps.endpoints.any()) {
      // No endpoint to fan out to: WEBHOOK_URL alone, one plain insert.
      if (url) await enqueueDelivery(q, { target: 'webhook', url, event, payload: data }, deps.clock());
      return;
    }
    await q.query(FAN_OUT_SQL, [
      event,
      JSON.stringify(data),
      orderingKey({ target: 'webhook', url: '', event, payload: data }),
      deps.clock(),
      url,
    ]);
  };
  return {
    async record(q, event, payload) {
      await send(q, event, (WEBHOOK_BODIES[event] as (p: typeof payload) => unknown)(payload));
    },
    send,
    writes: () => url !== null || !deps.endpoints || deps.endpoints.any(),
  };
}
