import { Hono } from 'hono';
import { MarkReadBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { NotificationRepository } from '../notifications/notification-repository.js';
import type { WebhookStatsReader } from '../notifications/webhook-stats.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import { z } from 'zod';
import { EndpointDeliveriesQuery } from '../../protocol/webhook-endpoints.js';
import { EscalationTaskListResponse, NotificationListResponse, WebhookDeliveryListResponse } from '../../protocol/responses/notifications.js';
import { OkResponse } from '../../protocol/responses/common.js';
import { WebhookStats } from '../../protocol/webhook-stats.js';
import type { RouteDoc } from './route-doc.js';

/** The console's notification feed, the escalation tasks, the webhook delivery log and its backlog. */
export function notificationRoutes(deps: { db: Db; tokens: TokenService; users: UserRepository; notifications: NotificationRepository; webhookStats: WebhookStatsReader; clock: Clock }) {
  const who = async (id: string, role: string) => {
    const u = await deps.users.get(id);
    return { id, isManager: role === 'admin' || u?.level === 'manager' };
  };
  return new Hono()
    .get('/notifications', requireRole(deps.tokens, 'agent'), async (c) => {
      const user = c.get('user');
      return c.json({ notifications: await deps.notifications.listFor(await who(user.sub, user.role)) });
    })
    .post('/notifications/read', requireRole(deps.tokens, 'agent'), async (c) => {
      const user = c.get('user');
      const body = await jsonBody(c, MarkReadBody);
      await deps.notifications.markRead(await who(user.sub, user.role), body.ids, deps.clock());
      return c.json({ ok: true });
    })
    .get('/escalation-tasks', requireRole(deps.tokens, 'agent'), async (c) => {
      const { rows } = await deps.db.query<{ id: number; conversation_id: string; kind: string; reason: string; status: string; due_at: Date | null; created_at: Date }>(
        `SELECT * FROM escalation_tasks WHERE status = 'open' ORDER BY id DESC LIMIT 200`,
      );
      return c.json({
        tasks: rows.map((r) => ({
          id: Number(r.id),
          conversationId: r.conversation_id,
          kind: r.kind,
          reason: r.reason,
          status: r.status,
          dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
          createdAt: r.created_at.toISOString(),
        })),
      });
    })
    .get('/webhooks/stats', requireRole(deps.tokens, 'admin'), async (c) => c.json(await deps.webhookStats.read()))
    .get('/webhooks/deliveries', requireRole(deps.tokens, 'admin'), async (c) => {
      const q = parse(z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() }), c.req.query());
      const { rows } = await deps.db.query<{
        id: number;
        target: string;
        url: string;
        event: string;
        status: string;
        attempts: number;
        response_status: number | null;
        last_error: string | null;
        next_attempt_at: Date;
        created_at: Date;
        delivered_at: Date | null;
      }>(
        `SELECT id, target, url, event, status, attempts, response_status, last_error, next_attempt_at, created_at, delivered_at
         FROM webhook_deliveries WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT 200`,
        [q.status ?? null],
      );
      return c.json({
        deliveries: rows.map((r) => ({
          id: Number(r.id),
          target: r.target,
          url: r.url,
          event: r.event,
          status: r.status,
          attempts: r.attempts,
          responseStatus: r.response_status,
          lastError: r.last_error,
          nextAttemptAt: r.next_attempt_at.toISOString(),
          createdAt: r.created_at.toISOString(),
          deliveredAt: r.delivered_at?.toISOString() ?? null,
        })),
      });
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const notificationRouteDocs: RouteDoc[] = [
  { method: 'get', path: '/api/notifications', tag: 'notifications', summary: "My notification feed (managers also see the team's alerts)", access: 'agent', response: NotificationListResponse },
  { method: 'post', path: '/api/notifications/read', tag: 'notifications', summary: 'Mark notifications read', access: 'agent', body: MarkReadBody, response: OkResponse },
  { method: 'get', path: '/api/escalation-tasks', tag: 'notifications', summary: 'Open escalation tasks (latest 200)', access: 'agent', response: EscalationTaskListResponse },
  { method: 'get', path: '/api/webhooks/stats', tag: 'notifications', summary: 'Outbound webhook backlog, lag and delivery rate (all nodes)', access: 'admin', response: WebhookStats },
  { method: 'get', path: '/api/webhooks/deliveries', tag: 'notifications', summary: 'Outbound webhook delivery log (latest 200)', access: 'admin', query: EndpointDeliveriesQuery, response: WebhookDeliveryListResponse },
];
