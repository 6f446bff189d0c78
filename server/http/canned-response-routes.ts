import { Hono } from 'hono';
import { CannedResponseBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { CannedResponses } from '../conversations/canned-responses.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { CannedResponseListResponse } from '../../protocol/responses/canned-responses.js';
import { IdResponse } from '../../protocol/responses/common.js';
import type { RouteDoc } from './route-doc.js';

/** Saved replies agents insert with a shortcut. */
export function cannedResponseRoutes(deps: { cannedResponses: CannedResponses; tokens: TokenService }) {
  const replies = deps.cannedResponses;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      return c.json({ cannedResponses: await replies.list() } satisfies CannedResponseListResponse);
    })
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, CannedResponseBody);
      return c.json((await replies.create(body)) satisfies IdResponse, 201);
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      await replies.remove(c.req.param('id'));
      return c.body(null, 204);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const cannedResponseRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/canned-responses',
    tag: 'canned responses',
    summary: 'Saved replies',
    access: 'agent',
    response: CannedResponseListResponse,
  },
  {
    method: 'post',
    path: '/api/canned-responses',
    tag: 'canned responses',
    summary: 'Add a saved reply',
    access: 'admin',
    body: CannedResponseBody,
    status: 201,
    response: IdResponse,
    errors: [409],
  },
  {
    method: 'delete',
    path: '/api/canned-responses/:id',
    tag: 'canned responses',
    summary: 'Delete a saved reply',
    access: 'admin',
    status: 204,
    response: null,
  },
];
