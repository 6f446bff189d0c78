import { Hono } from 'hono';
import { EndpointDeliveriesQuery, WebhookEndpointBody, WebhookEndpointPatch } from '../../protocol/webhook-endpoints.js';
import type { TokenService } from '../auth/tokens.js';
import type { WebhookEndpoints } from '../notifications/webhook-endpoints.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';

/** Admin: webhook endpoints (mounted at /api/webhooks/endpoints). Secrets appear only in the create and rotate answers. */
export function webhookEndpointRoutes(deps: { tokens: TokenService; webhookEndpoints: WebhookEndpoints }) {
  const endpoints = deps.webhookEndpoints;
  const admin = requireRole(deps.tokens, 'admin');
  return new Hono()
    .get('/', admin, async (c) => c.json({ endpoints: await endpoints.list() }))
    .post('/', admin, async (c) => c.json(await endpoints.create(await jsonBody(c, WebhookEndpointBody)), 201))
    .get('/:id', admin, async (c) => c.json({ endpoint: await endpoints.get(c.req.param('id')) }))
    .patch('/:id', admin, async (c) => c.json({ endpoint: await endpoints.update(c.req.param('id'), await jsonBody(c, WebhookEndpointPatch)) }))
    .delete('/:id', admin, async (c) => {
      await endpoints.remove(c.req.param('id'));
      return c.body(null, 204);
    })
    .post('/:id/rotate-secret', admin, async (c) => c.json(await endpoints.rotateSecret(c.req.param('id'))))
    .post('/:id/test', admin, async (c) => c.json(await endpoints.sendTest(c.req.param('id')), 202))
    .get('/:id/deliveries', admin, async (c) => {
      const q = parse(EndpointDeliveriesQuery, c.req.query());
      return c.json({ deliveries: await endpoints.deliveries(c.req.param('id'), q.status) });
    });
}
