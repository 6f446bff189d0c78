import { createMiddleware } from 'hono/factory';
import type { UserRole } from '../../protocol/domain.js';
import type { AgentClaims, TokenService } from '../auth/tokens.js';
import { forbidden, unauthorized } from '../errors.js';

export type AuthEnv = { Variables: { user: AgentClaims } };

/**
 * Requires a valid bearer token whose user still exists, is enabled and has not been signed out
 * since (tokens.verifyAgent checks the stored user); the role checked is the stored one. Admins
 * may do everything agents may.
 */
export function requireRole(tokens: TokenService, role: UserRole) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const claims = token ? await tokens.verifyAgent(token) : null;
    if (!claims) throw unauthorized();
    if (role === 'admin' && claims.role !== 'admin') throw forbidden('Only admins can do this.');
    c.set('user', claims);
    await next();
  });
}
