import { Hono } from 'hono';
import { ErrorBody } from '../../protocol/domain.js';
import { socketDescription } from '../realtime/socket-doc.js';
import { agentRouteDocs } from './agent-routes.js';
import { authRouteDocs } from './auth-routes.js';
import { bugReportRouteDocs } from './bug-report-routes.js';
import { cannedResponseRouteDocs } from './canned-response-routes.js';
import { conversationRouteDocs } from './conversation-routes.js';
import { conversationTestRouteDocs } from './conversation-test-routes.js';
import { intentRouteDocs } from './intent-routes.js';
import { outSchema, type JsonSchema } from './json-schema.js';
import { knowledgeRouteDocs } from './knowledge-routes.js';
import { metricsRouteDocs } from './metrics-routes.js';
import { notificationRouteDocs } from './notification-routes.js';
import { renderDocsHtml } from './openapi-html.js';
import { buildOperation, ERROR_TEXT, type RouteDoc } from './route-doc.js';
import { teamRouteDocs } from './team-routes.js';
import { visitorAttachmentRouteDocs } from './visitor-attachment-routes.js';
import { webhookEndpointRouteDocs } from './webhook-endpoint-routes.js';
import { widgetAppearanceRouteDocs } from './widget-appearance-routes.js';

/**
 * The OpenAPI 3.1 description of the whole HTTP API, plus the socket.io namespaces in the
 * `x-socketio` extension, assembled from what each route file says of its routes (`…RouteDocs`,
 * schemas from protocol/). tests/server/openapi.test.ts fails when a mounted route is missing.
 */
const ROUTE_DOCS: RouteDoc[] = [
  ...authRouteDocs,
  ...agentRouteDocs,
  ...teamRouteDocs,
  ...knowledgeRouteDocs,
  ...visitorAttachmentRouteDocs,
  ...conversationRouteDocs,
  ...metricsRouteDocs,
  ...intentRouteDocs,
  ...conversationTestRouteDocs,
  ...cannedResponseRouteDocs,
  ...notificationRouteDocs,
  ...widgetAppearanceRouteDocs,
  ...webhookEndpointRouteDocs,
  ...bugReportRouteDocs,
];

export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...ROUTE_DOCS, ...openApiRouteDocs]) {
    const p = op.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    (paths[p] ??= {})[op.method] = buildOperation(op);
  }
  paths['/healthz'] = {
    get: {
      operationId: 'getHealthz',
      tags: ['meta'],
      summary: 'Ready once migrations ran and sockets are accepted',
      'x-firstline-access': 'public',
      security: [],
      responses: {
        '200': {
          description: 'Ready',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
            },
          },
        },
        '503': {
          description: 'Starting',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { status: { const: 'starting' } }, required: ['status'] },
            },
          },
        },
      },
    },
  };
  const errorResponses: Record<string, unknown> = {};
  for (const [code, text] of Object.entries(ERROR_TEXT)) {
    errorResponses[`Error${code}`] = {
      description: text,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Firstline API',
      version: '1',
      description:
        'JSON API of the Firstline server. Sign in with `POST /api/auth/login` and send `Authorization: ' +
        'Bearer <token>`. Roles: `agent` and `admin` (admins may do everything agents may). ' +
        'Errors are always `{"error":{"code","message"}}`. Socket.io namespaces are described in `x-socketio`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set([...ROUTE_DOCS, ...openApiRouteDocs].map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login.' } },
      schemas: { Error: outSchema(ErrorBody) },
      responses: errorResponses,
    },
    'x-socketio': socketDescription(),
  };
}

let cached: { json: string; html: string } | null = null;
function rendered() {
  if (!cached) {
    const doc = buildOpenApiDocument();
    cached = { json: JSON.stringify(doc), html: renderDocsHtml(doc) };
  }
  return cached;
}

/** `GET /openapi.json` and `GET /docs`, mounted under /api; public, built once and kept in memory. */
export function openApiRoutes() {
  return new Hono()
    .get('/openapi.json', (c) =>
      c.body(rendered().json, 200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=300',
      }),
    )
    .get('/docs', (c) =>
      c.body(rendered().html, 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      }),
    );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const openApiRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'meta',
    summary: 'This OpenAPI document',
    access: 'public',
    response: {
      contentType: 'application/json',
      description: 'OpenAPI 3.1 document with the socket.io description in `x-socketio`.',
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'meta',
    summary: 'This document as a readable HTML page',
    access: 'public',
    response: { contentType: 'text/html', description: 'Static HTML, no scripts.' },
  },
];
