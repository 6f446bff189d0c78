import { Hono } from 'hono';
import {
  EndpointDeliveriesQuery,
  WebhookEndpointBody,
  WebhookEndpointPatch,
  EndpointDeliveryListResponse,
  WebhookEndpointCreated,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookTestQueued,
} from '../../protocol/webhook-endpoints.js';
import type { TokenService } from '../auth/tokens.js';
import type { WebhookEndpoints } from '../notifications/webhook-endpoints.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import type { RouteDoc } from './route-doc.js';

/**
 * Admin: webhook endpoints (mounted at /api/webhooks/endpoints). Secrets appear only in the create and rotate answers.
 */
export function webhookEndpointRoutes(deps: { tokens: TokenService; webhookEndpoints: WebhookEndpoints }) {
  const endpoints = deps.webhookEndpoints;
  const admin = requireRole(deps.tokens, 'admin');
  return new Hono()
    .get('/', admin, async (c) => c.json({ endpoints: await endpoints.list() } satisfies WebhookEndpointListResponse))
    .post('/', admin, async (c) =>
      c.json((await endpoints.create(await jsonBody(c, WebhookEndpointBody))) satisfies WebhookEndpointCreated, 201),
    )
    .get('/:id', admin, async (c) =>
      c.json({ endpoint: await endpoints.get(c.req.param('id')) } satisfies WebhookEndpointResponse),
    )
    .patch('/:id', admin, async (c) =>
      c.json({
        endpoint: await endpoints.update(c.req.param('id'), await jsonBody(c, WebhookEndpointPatch)),
      } satisfies WebhookEndpointResponse),
    )
    .delete('/:id', admin, async (c) => {
      await endpoints.remove(c.req.param('id'));
      return c.body(null, 204);
    })
    .post('/:id/rotate-secret', admin, async (c) =>
      c.json((await endpoints.rotateSecret(c.req.param('id'))) satisfies WebhookEndpointCreated),
    )
    .post('/:id/test', admin, async (c) =>
      c.json((await endpoints.sendTest(c.req.param('id'))) satisfies WebhookTestQueued, 202),
    )
    .get('/:id/deliveries', admin, async (c) => {
      const q = parse(EndpointDeliveriesQuery, c.req.query());
      return c.json({
        deliveries: await endpoints.deliveries(c.req.param('id'), q.status),
      } satisfies EndpointDeliveryListResponse);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const webhookEndpointRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/webhooks/endpoints',
    tag: 'webhooks',
    summary: 'Webhook endpoints (WEBHOOK_URL first, as a read-only `config` endpoint); never their secrets',
    access: 'admin',
    response: WebhookEndpointListResponse,
  },
  {
    method: 'post',
    path: '/api/webhooks/endpoints',
    tag: 'webhooks',
    summary:
      'Add an endpoint (http/https, no credentials in the URL); the answer holds its signing secret, shown this once',
    access: 'admin',
    body: WebhookEndpointBody,
    status: 201,
    response: WebhookEndpointCreated,
  },
  {
    method: 'get',
    path: '/api/webhooks/endpoints/:id',
    tag: 'webhooks',
    summary: 'One endpoint with its delivery counts',
    access: 'admin',
    response: WebhookEndpointResponse,
    errors: [404],
  },
  {
    method: 'patch',
    path: '/api/webhooks/endpoints/:id',
    tag: 'webhooks',
    summary:
      'Change the URL, description, event filter or enabled flag (a ' +
      'disabled endpoint keeps its pending deliveries until enabled again)',
    access: 'admin',
    body: WebhookEndpointPatch,
    response: WebhookEndpointResponse,
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/webhooks/endpoints/:id',
    tag: 'webhooks',
    summary: 'Delete an endpoint and its delivery log',
    access: 'admin',
    status: 204,
    response: null,
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/webhooks/endpoints/:id/rotate-secret',
    tag: 'webhooks',
    summary: 'A new signing secret, shown this once; the old one stops signing at once',
    access: 'admin',
    response: WebhookEndpointCreated,
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/webhooks/endpoints/:id/test',
    tag: 'webhooks',
    summary: 'Queue a signed `webhook.test` delivery to this endpoint alone; it appears in its log',
    access: 'admin',
    status: 202,
    response: WebhookTestQueued,
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/webhooks/endpoints/:id/deliveries',
    tag: 'webhooks',
    summary: "The endpoint's delivery log, newest 100: status, attempts, response code, last error, latency",
    access: 'admin',
    query: EndpointDeliveriesQuery,
    response: EndpointDeliveryListResponse,
    errors: [404],
  },
];
