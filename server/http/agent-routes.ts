import { Hono } from 'hono';
import { DomainEvents } from '../../protocol/events.js';
import { AgentBody, AgentPatchBody, PresenceBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { EventBus } from '../events/event-bus.js';
import { conflict, notFound } from '../errors.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import { Agent, AgentListResponse, DirectoryResponse, PresenceResponse } from '../../protocol/responses/agents.js';
import { IdResponse, OkResponse } from '../../protocol/responses/common.js';
import type { RouteDoc } from './route-doc.js';

export function agentRoutes(deps: {
  users: UserRepository;
  tokens: TokenService;
  bus: EventBus;
  onSessionsRevoked?: (userId: string) => void;
}) {
  const changed = (agentId: string) => deps.bus.emit(DomainEvents.agentRosterChanged, { agentId });
  const revoked = (id: string) => deps.onSessionsRevoked?.(id);
  return (
    new Hono<AuthEnv>()
      .put('/me/presence', requireRole(deps.tokens, 'agent'), async (c) => {
        const body = await jsonBody(c, PresenceBody);
        await deps.users.setManualPresence(c.get('user').sub, body.status === 'away' ? 'away' : null);
        deps.bus.emit(DomainEvents.agentPresenceChanged, { agentId: c.get('user').sub });
        return c.json({ ok: true, status: body.status } satisfies PresenceResponse);
      })
      // Who can take a transfer: names, skills and presence only, for every agent.
      .get('/directory', requireRole(deps.tokens, 'agent'), async (c) =>
        c.json({
          agents: (await deps.users.list()).map((u) => ({
            id: u.id,
            name: u.name,
            level: u.level,
            skills: u.skills,
            teamId: u.teamId,
            presence: u.presence,
          })),
        } satisfies DirectoryResponse),
      )
      .get('/', requireRole(deps.tokens, 'admin'), async (c) =>
        c.json({ agents: await deps.users.list() } satisfies AgentListResponse),
      )
      .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
        const body = await jsonBody(c, AgentBody);
        const user = await deps.users.create(body);
        changed(user.id);
        return c.json({ id: user.id } satisfies IdResponse, 201);
      })
      .put('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
        const body = await jsonBody(c, AgentPatchBody);
        const id = c.req.param('id');
        if (body.disabled && id === c.get('user').sub)
          throw conflict('You cannot disable your own account; ask another admin.', 'cannot_disable_self');
        const user = await deps.users.update(id, body);
        if (!user) throw notFound('Agent');
        // A role change or disable bumped the token version: close the sockets that still use old tokens.
        if (body.role !== undefined || body.disabled) revoked(id);
        changed(id);
        return c.json(user satisfies Agent);
      })
      .post('/:id/logout-all', requireRole(deps.tokens, 'admin'), async (c) => {
        const id = c.req.param('id');
        if ((await deps.users.revokeSessions(id)) === null) throw notFound('Agent');
        revoked(id);
        return c.json({ ok: true } satisfies OkResponse);
      })
  );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const agentRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/agents',
    tag: 'agents',
    summary: 'List agents and admins',
    access: 'admin',
    response: AgentListResponse,
  },
  {
    method: 'post',
    path: '/api/agents',
    tag: 'agents',
    summary: 'Create an agent or admin',
    access: 'admin',
    description:
      'The password needs at least 10 characters and must not be easy to guess (422 `weak_password` says why).',
    body: AgentBody,
    status: 201,
    response: IdResponse,
    errors: [409, 422],
  },
  {
    method: 'get',
    path: '/api/agents/directory',
    tag: 'agents',
    summary: 'Who can take a transfer (names, skills, presence)',
    access: 'agent',
    response: DirectoryResponse,
  },
  {
    method: 'put',
    path: '/api/agents/me/presence',
    tag: 'agents',
    summary: 'Set my presence (online or away)',
    access: 'agent',
    body: PresenceBody,
    response: PresenceResponse,
  },
  {
    method: 'put',
    path: '/api/agents/:id',
    tag: 'agents',
    summary: 'Update an agent (any subset of fields)',
    access: 'admin',
    description:
      'A role change or `disabled: true` ends every session of that user at once (tokens and sockets). ' +
      'Admins cannot disable themselves (409).',
    body: AgentPatchBody,
    response: Agent,
    errors: [409],
  },
  {
    method: 'post',
    path: '/api/agents/:id/logout-all',
    tag: 'agents',
    summary: 'Sign an agent out everywhere: their tokens stop working, open sockets close',
    access: 'admin',
    response: OkResponse,
  },
];
