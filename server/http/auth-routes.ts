import { Hono } from 'hono';
import { LoginBody } from '../../protocol/http.js';
import { verifyPassword } from '../auth/passwords.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import { AppError } from '../errors.js';
import { jsonBody } from './validate.js';

export function authRoutes(deps: { users: UserRepository; tokens: TokenService }) {
  return new Hono().post('/login', async (c) => {
    const body = await jsonBody(c, LoginBody);
    const user = await deps.users.findByEmailWithHash(body.email);
    // Same message for unknown email and wrong password: do not reveal which accounts exist.
    if (!user || !(await verifyPassword(body.password, user.passwordHash))) {
      throw new AppError(401, 'invalid_credentials', 'Wrong email or password.');
    }
    const token = await deps.tokens.signAgent({ sub: user.id, role: user.role, name: user.name });
    return c.json({ token, user: { id: user.id, email: user.email, name: user.name, role: user.role } });
  });
}
