import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { CannedResponseBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { conflict, notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { CannedResponseListResponse } from '../../protocol/responses/canned-responses.js';
import { IdResponse } from '../../protocol/responses/common.js';
import type { RouteDoc } from './route-doc.js';

/** Saved replies agents insert with a shortcut. */
export function cannedResponseRoutes(deps: { db: Db; tokens: TokenService }) {
  const { db } = deps;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      const { rows } = await db.query<{ id: string; title: string; text: string; shortcut: string | null }>('SELECT id, title, text, shortcut FROM canned_responses ORDER BY title');
      return c.json({ cannedResponses: rows });
    })
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, CannedResponseBody);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO canned_responses (id, title, text, shortcut) VALUES ($1, $2, $3, $4) ON CONFLICT (shortcut) DO NOTHING RETURNING id`,
        [randomUUID(), body.title, body.text, body.shortcut ?? null],
      );
      if (!rows[0]) throw conflict(`The shortcut "${body.shortcut}" is taken.`, 'shortcut_taken');
      return c.json({ id: rows[0].id }, 201);
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const { rows } = await db.query<{ id: string }>('DELETE FROM canned_responses WHERE id = $1 RETURNING id', [c.req.param('id')]);
      if (!rows[0]) throw notFound('Canned response');
      return c.body(null, 204);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const cannedResponseRouteDocs: RouteDoc[] = [
  { method: 'get', path: '/api/canned-responses', tag: 'canned responses', summary: 'Saved replies', access: 'agent', response: CannedResponseListResponse },
  { method: 'post', path: '/api/canned-responses', tag: 'canned responses', summary: 'Add a saved reply', access: 'admin', body: CannedResponseBody, status: 201, response: IdResponse, errors: [409] },
  { method: 'delete', path: '/api/canned-responses/:id', tag: 'canned responses', summary: 'Delete a saved reply', access: 'admin', status: 204, response: null },
];
