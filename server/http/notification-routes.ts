import { Hono } from 'hono';
import { MarkReadBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { Clock } from '../clock.js';
import type { NotificationRepository } from '../notifications/notification-repository.js';
import type { WebhookDeliveryLog } from '../notifications/webhook-delivery-log.js';
import type { WebhookStatsReader } from '../notifications/webhook-stats.js';
import type { EscalationTasks } from '../sla/escalation-tasks.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import { z } from 'zod';
import { EndpointDeliveriesQuery } from '../../protocol/webhook-endpoints.js';
import {
  DeliveryStatus,
  EscalationTaskListResponse,
  NotificationListResponse,
  WebhookDeliveryListResponse,
} from '../../protocol/responses/notifications.js';
import { OkResponse } from '../../protocol/responses/common.js';
import { WebhookStats } from '../../protocol/webhook-stats.js';
import type { RouteDoc } from './route-doc.js';

/** The console's notification feed, the escalation tasks, the webhook delivery log and its backlog. */
export function notificationRoutes(deps: {
  tokens: TokenService;
  users: UserRepository;
  notifications: NotificationRepository;
  escalationTasks: EscalationTasks;
  webhookStats: WebhookStatsReader;
  webhookDeliveries: WebhookDeliveryLog;
  clock: Clock;
}) {
  const who = async (id: string, role: string) => {
    const u = await deps.users.get(id);
    return { id, isManager: role === 'admin' || u?.level === 'manager' };
  };
  return new Hono()
    .get('/notifications', requireRole(deps.tokens, 'agent'), async (c) => {
      const user = c.get('user');
      return c.json({
        notifications: await deps.notifications.listFor(await who(user.sub, user.role)),
      } satisfies NotificationListResponse);
    })
    .post('/notifications/read', requireRole(deps.tokens, 'agent'), async (c) => {
      const user = c.get('user');
      const body = await jsonBody(c, MarkReadBody);
      await deps.notifications.markRead(await who(user.sub, user.role), body.ids, deps.clock());
      return c.json({ ok: true } satisfies OkResponse);
    })
    .get('/escalation-tasks', requireRole(deps.tokens, 'agent'), async (c) => {
      return c.json({ tasks: await deps.escalationTasks.open() } satisfies EscalationTaskListResponse);
    })
    .get('/webhooks/stats', requireRole(deps.tokens, 'admin'), async (c) =>
      c.json((await deps.webhookStats.read()) satisfies WebhookStats),
    )
    .get('/webhooks/deliveries', requireRole(deps.tokens, 'admin'), async (c) => {
      const q = parse(z.object({ status: DeliveryStatus.optional() }), c.req.query());
      return c.json({
        deliveries: await deps.webhookDeliveries.latest(q.status),
      } satisfies WebhookDeliveryListResponse);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const notificationRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/notifications',
    tag: 'notifications',
    summary: "My notification feed (managers also see the team's alerts)",
    access: 'agent',
    response: NotificationListResponse,
  },
  {
    method: 'post',
    path: '/api/notifications/read',
    tag: 'notifications',
    summary: 'Mark notifications read',
    access: 'agent',
    body: MarkReadBody,
    response: OkResponse,
  },
  {
    method: 'get',
    path: '/api/escalation-tasks',
    tag: 'notifications',
    summary: 'Open escalation tasks (latest 200)',
    access: 'agent',
    response: EscalationTaskListResponse,
  },
  {
    method: 'get',
    path: '/api/webhooks/stats',
    tag: 'notifications',
    summary: 'Outbound webhook backlog, lag and delivery rate (all nodes)',
    access: 'admin',
    response: WebhookStats,
  },
  {
    method: 'get',
    path: '/api/webhooks/deliveries',
    tag: 'notifications',
    summary: 'Outbound webhook delivery log (latest 200)',
    access: 'admin',
    query: EndpointDeliveriesQuery,
    response: WebhookDeliveryListResponse,
  },
];
