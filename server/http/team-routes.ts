import { Hono } from 'hono';
import { TeamBody } from '../../protocol/http.js';
import { OfficeHoursBody } from '../../protocol/office-hours.js';
import type { Clock } from '../clock.js';
import { isOpen, nextOpening } from '../routing/office-hours.js';
import type { TokenService } from '../auth/tokens.js';
import type { Teams } from '../routing/teams.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { IdResponse } from '../../protocol/responses/common.js';
import { OfficeHoursSaved, TeamListResponse } from '../../protocol/responses/teams.js';
import type { RouteDoc } from './route-doc.js';

/** Teams group agents, carry the skills routing matches on, and their office hours. */
export function teamRoutes(deps: { teams: Teams; tokens: TokenService; clock: Clock }) {
  const { teams } = deps;
  return new Hono()
    .get('/', requireRole(deps.tokens, 'agent'), async (c) => {
      const list = await teams.list();
      const now = deps.clock();
      return c.json({
        teams: list.map((t) => ({
          ...t,
          /** Open right now, and when it is back when not (null: always open, or never opens). */
          openNow: isOpen(t.officeHours, now),
          backAt:
            t.officeHours && !isOpen(t.officeHours, now)
              ? (nextOpening(t.officeHours, now)?.toISOString() ?? null)
              : null,
        })),
      } satisfies TeamListResponse);
    })
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, TeamBody);
      return c.json((await teams.create(body)) satisfies IdResponse, 201);
    })
    .put('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, TeamBody);
      return c.json((await teams.update(c.req.param('id'), body)) satisfies IdResponse);
    })
    .put('/:id/office-hours', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, OfficeHoursBody);
      const { id } = await teams.setOfficeHours(c.req.param('id'), body.officeHours);
      return c.json({ id, officeHours: body.officeHours } satisfies OfficeHoursSaved);
    })
    .delete('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      await teams.remove(c.req.param('id'));
      return c.body(null, 204);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const teamRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/teams',
    tag: 'teams',
    summary: 'List teams with member counts',
    access: 'agent',
    response: TeamListResponse,
  },
  {
    method: 'post',
    path: '/api/teams',
    tag: 'teams',
    summary: 'Create a team',
    access: 'admin',
    body: TeamBody,
    status: 201,
    response: IdResponse,
    errors: [409],
  },
  {
    method: 'put',
    path: '/api/teams/:id',
    tag: 'teams',
    summary: 'Rename a team or change its skills',
    access: 'admin',
    body: TeamBody,
    response: IdResponse,
  },
  {
    method: 'put',
    path: '/api/teams/:id/office-hours',
    tag: 'teams',
    summary:
      "Set a team's office hours (weekly schedule, time zone, holidays; null: always open). " +
      'Outside them the widget says when the team is back and SLA clocks pause',
    access: 'admin',
    body: OfficeHoursBody,
    response: OfficeHoursSaved,
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/teams/:id',
    tag: 'teams',
    summary: 'Delete a team',
    access: 'admin',
    status: 204,
    response: null,
  },
];
