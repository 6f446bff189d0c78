import { z } from 'zod';
import { inSchema, outSchema, type JsonSchema } from './json-schema.js';

/** Who may call a route: drives the document's `security`, its automatic 401/403 and the authorization matrix test. */
export type Access = 'public' | 'visitor' | 'agent' | 'admin' | 'signature';

/**
 * One route as the OpenAPI document describes it. Each route file exports its list (at its end),
 * next to the handlers; server/http/openapi.ts assembles them and tests/server/openapi.test.ts
 * fails when a mounted route has none.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The full path, Hono style (`/api/agents/:id`). */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  description?: string;
  body?: z.ZodType | { contentType: string; schema: JsonSchema; description: string };
  query?: z.ZodObject;
  status?: number;
  /** A protocol schema (JSON), another content type, or null for no content. */
  response?: z.ZodType | { contentType: string; description: string } | null;
  /** Error statuses beyond the automatic ones (400 with a body/query, 401/403 by access, 404 with a path param). */
  errors?: number[];
}

export const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid JSON or a body/query that fails validation (`invalid_json`, `invalid_request`).',
  401: 'Missing, invalid or expired bearer token (or wrong credentials / signature).',
  403: 'Signed in, but not allowed: this needs the admin role, or another rule applies (see the description).',
  404: 'No such resource (`not_found`).',
  409: 'Conflicts with existing data (for example a taken name or shortcut, or a state that does not allow it).',
  422: 'The request is well formed but refused (for example `weak_password`, with the reason).',
  413: 'Body over the size limit (`payload_too_large`; JSON bodies are limited to 5 MB).',
  415: 'Wrong content type.',
  429: 'Rate limited; see the Retry-After header.',
  500: 'Unexpected server error (`internal`); never a stack trace.',
  503: 'The feature is not configured on this server (`not_configured`).',
};

const ACCESS_TEXT: Record<Access, string> = {
  public: 'Public: no token needed.',
  visitor:
    "Bearer token: the visitor session token from the socket's `session` event (the widget's own conversation only).",
  agent: 'Bearer token; role `agent` or `admin`.',
  admin: 'Bearer token; role `admin` only.',
  signature: 'No bearer token: signed by the caller (see description).',
};

/** The OpenAPI operation object of one route. */
export function buildOperation(op: RouteDoc): JsonSchema {
  const params: JsonSchema[] = [];
  for (const m of op.path.matchAll(/:([A-Za-z_]+)/g))
    params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (op.query) {
    const q = inSchema(op.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({
        name,
        in: 'query',
        required: (q.required ?? []).includes(name),
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  }
  const responses: Record<string, unknown> = {};
  const status = String(op.status ?? 200);
  if (op.response === null || op.response === undefined) responses[status] = { description: 'No content' };
  else if (op.response instanceof z.ZodType)
    responses[status] = { description: 'Success', content: { 'application/json': { schema: outSchema(op.response) } } };
  else
    responses[status] = {
      description: op.response.description,
      content: { [op.response.contentType]: { schema: { type: 'string' } } },
    };
  const errors = new Set<number>(op.errors ?? []);
  if (op.body || op.query || op.path.includes(':')) errors.add(400);
  if (op.access === 'agent' || op.access === 'admin' || op.access === 'visitor') errors.add(401);
  if (op.access === 'admin') errors.add(403);
  if (op.path.includes(':')) errors.add(404);
  if (op.body) errors.add(413);
  errors.add(500);
  for (const code of [...errors].sort()) responses[String(code)] = { $ref: `#/components/responses/Error${code}` };

  let requestBody: JsonSchema | undefined;
  if (op.body instanceof z.ZodType)
    requestBody = { required: true, content: { 'application/json': { schema: inSchema(op.body) } } };
  else if (op.body)
    requestBody = {
      required: true,
      description: op.body.description,
      content: { [op.body.contentType]: { schema: op.body.schema } },
    };

  return {
    operationId:
      op.method +
      op.path
        .replace(/^\/api/, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
    tags: [op.tag],
    summary: op.summary,
    description: [ACCESS_TEXT[op.access], op.description].filter(Boolean).join(' '),
    'x-firstline-access': op.access,
    ...(op.access === 'agent' || op.access === 'admin' || op.access === 'visitor'
      ? { security: [{ bearer: [] }] }
      : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}
