import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { TeamBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { conflict, notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';

/** Teams group agents and carry the skills routing matches on. */
export function teamRoutes(deps: { db: Db; tokens: TokenService }) {
  const { db } = deps;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      const { rows } = await db.query<{ id: string; name: string; skills: string[]; members: number }>(
        `SELECT t.id, t.name, t.skills, (SELECT count(*) FROM users u WHERE u.team_id = t.id)::int AS members FROM teams t ORDER BY t.name`,
      );
      return c.json({ teams: rows });
    })
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, TeamBody);
      const { rows } = await db.query<{ id: string }>(`INSERT INTO teams (id, name, skills) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id`, [
        randomUUID(),
        body.name,
        body.skills,
      ]);
      if (!rows[0]) throw conflict(`A team named "${body.name}" already exists.`, 'team_exists');
      return c.json({ id: rows[0].id }, 201);
    })
    .put('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, TeamBody);
      const { rows } = await db.query<{ id: string }>(`UPDATE teams SET name = $2, skills = $3 WHERE id = $1 RETURNING id`, [c.req.param('id'), body.name, body.skills]);
      if (!rows[0]) throw notFound('Team');
      return c.json({ id: rows[0].id });
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const { rows } = await db.query<{ id: string }>(`DELETE FROM teams WHERE id = $1 RETURNING id`, [c.req.param('id')]);
      if (!rows[0]) throw notFound('Team');
      return c.body(null, 204);
    });
}
