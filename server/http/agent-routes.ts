import { Hono } from 'hono';
import { AgentBody } from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';

export function agentRoutes(deps: { users: UserRepository; tokens: TokenService }) {
  return new Hono()
    .use(requireRole(deps.tokens, 'admin'))
    .get('/', async (c) => c.json({ agents: await deps.users.list() }))
    .post('/', async (c) => {
      const body = await jsonBody(c, AgentBody);
      const user = await deps.users.create(body);
      return c.json({ id: user.id }, 201);
    });
}
