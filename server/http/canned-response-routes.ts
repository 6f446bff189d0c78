import { Hono } from 'hono';
import { CannedResponseBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { CannedResponses } from '../conversations/canned-responses.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';

/** Saved replies agents insert with a shortcut. */
export function cannedResponseRoutes(deps: { cannedResponses: CannedResponses; tokens: TokenService }) {
  const replies = deps.cannedResponses;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      return c.json({ cannedResponses: await replies.list() });
    })
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, CannedResponseBody);
      return c.json(await replies.create(body), 201);
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      await replies.remove(c.req.param('id'));
      return c.body(null, 204);
    });
}
