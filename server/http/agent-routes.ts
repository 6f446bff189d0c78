import { Hono } from 'hono';
import { AgentBody, AgentPatchBody, PresenceBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import { notFound } from '../errors.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { jsonBody } from './validate.js';

export function agentRoutes(deps: { users: UserRepository; tokens: TokenService; onRosterChanged?: () => void }) {
  const changed = () => deps.onRosterChanged?.();
  return new Hono<AuthEnv>()
    .put('/me/presence', requireRole(deps.tokens, 'agent'), async (c) => {
      const body = await jsonBody(c, PresenceBody);
      await deps.users.setManualPresence(c.get('user').sub, body.status === 'away' ? 'away' : null);
      changed();
      return c.json({ ok: true, status: body.status });
    })
    // Who can take a transfer: names, skills and presence only, for every agent.
    .get('/directory', requireRole(deps.tokens, 'agent'), async (c) =>
      c.json({ agents: (await deps.users.list()).map((u) => ({ id: u.id, name: u.name, level: u.level, skills: u.skills, teamId: u.teamId, presence: u.presence })) }),
    )
    .get('/', requireRole(deps.tokens, 'admin'), async (c) => c.json({ agents: await deps.users.list() }))
    .post('/', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, AgentBody);
      const user = await deps.users.create(body);
      changed();
      return c.json({ id: user.id }, 201);
    })
    .put('/:id', requireRole(deps.tokens, 'admin'), async (c) => {
      const body = await jsonBody(c, AgentPatchBody);
      const user = await deps.users.update(c.req.param('id'), body);
      if (!user) throw notFound('Agent');
      changed();
      return c.json(user);
    });
}
