import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { TeamBody } from '../../protocol/http.js';
import { OfficeHoursBody, type OfficeHours } from '../../protocol/office-hours.js';
import type { Clock } from '../clock.js';
import { isOpen, nextOpening } from '../routing/office-hours.js';
import type { TokenService } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { conflict, notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { IdResponse } from '../../protocol/responses/common.js';
import { OfficeHoursSaved, TeamListResponse } from '../../protocol/responses/teams.js';
import type { RouteDoc } from './route-doc.js';

/** Teams group agents, carry the skills routing matches on, and their office hours. */
export function teamRoutes(deps: { db: Db; tokens: TokenService; clock: Clock }) {
  const { db } = deps;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      const { rows } = await db.query<{ id: string; name: string; skills: string[]; members: number; office_hours: OfficeHours | null }>(
        `SELECT t.id, t.name, t.skills, t.office_hours, (SELECT count(*) FROM users u WHERE u.team_id = t.id)::int AS members FROM teams t ORDER BY t.name`,
      );
      const now = deps.clock();
      return c.json({
        teams: rows.map(({ office_hours, ...t }) => ({
          ...t,
          officeHours: office_hours,
          /** Open right now, and when it is back when not (null: always open, or never opens). */
          openNow: isOpen(office_hours, now),
          backAt: office_hours && !isOpen(office_hours, now) ? (nextOpening(office_hours, now)?.toISOString() ?? null) : null,
        })),
      });
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
    .put('/:id/office-hours', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, OfficeHoursBody);
      const { rows } = await db.query<{ id: string }>(`UPDATE teams SET office_hours = $2::jsonb WHERE id = $1 RETURNING id`, [
        c.req.param('id'),
        body.officeHours ? JSON.stringify(body.officeHours) : null,
      ]);
      if (!rows[0]) throw notFound('Team');
      return c.json({ id: rows[0].id, officeHours: body.officeHours });
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const { rows } = await db.query<{ id: string }>(`DELETE FROM teams WHERE id = $1 RETURNING id`, [c.req.param('id')]);
      if (!rows[0]) throw notFound('Team');
      return c.body(null, 204);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const teamRouteDocs: RouteDoc[] = [
  { method: 'get', path: '/api/teams', tag: 'teams', summary: 'List teams with member counts', access: 'agent', response: TeamListResponse },
  { method: 'post', path: '/api/teams', tag: 'teams', summary: 'Create a team', access: 'admin', body: TeamBody, status: 201, response: IdResponse, errors: [409] },
  { method: 'put', path: '/api/teams/:id', tag: 'teams', summary: 'Rename a team or change its skills', access: 'admin', body: TeamBody, response: IdResponse },
  {
    method: 'put',
    path: '/api/teams/:id/office-hours',
    tag: 'teams',
    summary: "Set a team's office hours (weekly schedule, time zone, holidays; null: always open). Outside them the widget says when the team is back and SLA clocks pause",
    access: 'admin',
    body: OfficeHoursBody,
    response: OfficeHoursSaved,
    errors: [404],
  },
  { method: 'delete', path: '/api/teams/:id', tag: 'teams', summary: 'Delete a team', access: 'admin', status: 204, response: null },
];
