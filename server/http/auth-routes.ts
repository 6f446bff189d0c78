import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { LoginBody, PasswordChangeBody, ProfileBody } from '../../protocol/http.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { TokenService } from '../auth/tokens.js';
import type { UserRepository } from '../auth/user-repository.js';
import { AppError, unauthorized } from '../errors.js';
import { requireRole, type AuthEnv } from './auth-middleware.js';
import { requestAddress, type ClientAddress } from './request-address.js';
import { jsonBody } from './validate.js';
import { LoginResponse, PasswordChangedResponse, ProfileResponse } from '../../protocol/responses/auth.js';
import { OkResponse } from '../../protocol/responses/common.js';
import type { RouteDoc } from './route-doc.js';

export interface AuthRouteDeps {
  users: UserRepository;
  tokens: TokenService;
  loginThrottle: LoginThrottle;
  /** Which address the per-address throttle counts (TRUST_PROXY). */
  clientAddress?: ClientAddress;
  /** Every token of this user was just revoked: close their open agent sockets. */
  onSessionsRevoked?: (userId: string) => void;
  /** The password check (tests count its calls). */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
}

function tooManyAttempts(c: Context, seconds: number) {
  return c.json(
    { error: { code: 'too_many_attempts', message: `Too many failed sign-in attempts; try again in ${seconds} s.` } },
    429,
    { 'Retry-After': String(seconds) },
  );
}

export function authRoutes(deps: AuthRouteDeps) {
  const { users, tokens, loginThrottle: throttle } = deps;
  const verify = deps.verifyPassword ?? verifyPassword;
  // Unknown emails are checked against this hash so they cost one scrypt like a wrong password:
  // the answer time does not tell which accounts exist. Started now so the first call is not slower.
  const dummyHash = hashPassword(randomBytes(18).toString('base64url'));
  dummyHash.catch(() => undefined); // awaited (and so reported) by the first login that needs it

  return (
    new Hono<AuthEnv>()
      .post('/login', async (c) => {
        const body = await jsonBody(c, LoginBody);
        const address = requestAddress(c, deps.clientAddress);
        // Checked before the password, so a locked account answers the same whether the guess is right.
        const wait = await throttle.retryAfter(address, body.email);
        if (wait > 0) return tooManyAttempts(c, wait);
        const user = await users.findByEmailWithHash(body.email);
        const matches = await verify(body.password, user?.passwordHash ?? (await dummyHash));
        // Same message for unknown email and wrong password: do not reveal which accounts exist.
        if (!user || !matches) {
          await throttle.failed(address, body.email);
          throw new AppError(401, 'invalid_credentials', 'Wrong email or password.');
        }
        if (user.disabled)
          throw new AppError(403, 'account_disabled', 'This account is disabled; ask an admin to enable it.');
        await throttle.succeeded(body.email);
        const token = await tokens.signAgent({
          sub: user.id,
          role: user.role,
          name: user.name,
          ver: user.tokenVersion,
        });
        return c.json({
          token,
          user: { id: user.id, email: user.email, name: user.name, displayName: user.displayName, role: user.role },
        } satisfies LoginResponse);
      })
      /** What customers call me ("Maya joined"); the console asks for it at first sign-in. */
      .put('/profile', requireRole(tokens, 'agent'), async (c) => {
        const body = await jsonBody(c, ProfileBody);
        const user = await users.setDisplayName(c.get('user').sub, body.displayName);
        if (!user) throw unauthorized();
        return c.json({
          user: { id: user.id, email: user.email, name: user.name, displayName: user.displayName, role: user.role },
        } satisfies ProfileResponse);
      })
      .post('/logout-all', requireRole(tokens, 'agent'), async (c) => {
        const id = c.get('user').sub;
        if ((await users.revokeSessions(id)) === null) throw unauthorized();
        deps.onSessionsRevoked?.(id);
        return c.json({ ok: true } satisfies OkResponse);
      })
      .post('/password', requireRole(tokens, 'agent'), async (c) => {
        const body = await jsonBody(c, PasswordChangeBody);
        const user = await users.getWithHash(c.get('user').sub);
        if (!user) throw unauthorized();
        // A stolen token must not become a way around the sign-in throttle.
        const address = requestAddress(c, deps.clientAddress);
        const wait = await throttle.retryAfter(address, user.email);
        if (wait > 0) return tooManyAttempts(c, wait);
        if (!(await verify(body.currentPassword, user.passwordHash))) {
          await throttle.failed(address, user.email);
          throw new AppError(403, 'wrong_password', 'The current password is wrong.');
        }
        const ver = await users.setPassword(user.email, body.newPassword, [user.email, user.name]);
        if (ver === null) throw unauthorized();
        deps.onSessionsRevoked?.(user.id);
        // Every other session ends; this one continues with a fresh token.
        const token = await tokens.signAgent({ sub: user.id, role: user.role, name: user.name, ver });
        return c.json({ token } satisfies PasswordChangedResponse);
      })
  );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const authRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in; returns a bearer token',
    access: 'public',
    description:
      'Failed attempts are counted per client address and per account (LOGIN_* settings); ' +
      'past the limit the answer is 429 `too_many_attempts` with Retry-After, and the lock doubles each time. ' +
      'A disabled account gets 403 `account_disabled` (only with the right password).',
    body: LoginBody,
    response: LoginResponse,
    errors: [401, 403, 429],
  },
  {
    method: 'put',
    path: '/api/auth/profile',
    tag: 'auth',
    summary: 'Set my display name, the name customers see ("Maya joined the conversation.")',
    access: 'agent',
    description:
      'One line, 1-40 characters, without `<` or `>`. Until it is set, ' +
      'customers see the account name and the console asks for it.',
    body: ProfileBody,
    response: ProfileResponse,
  },
  {
    method: 'post',
    path: '/api/auth/logout-all',
    tag: 'auth',
    summary: 'Sign out everywhere: every token issued to me so far stops working, open sockets close',
    access: 'agent',
    response: OkResponse,
  },
  {
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    summary: 'Change my password; signs out every other session and returns a fresh token',
    access: 'agent',
    description:
      'The new password needs at least 10 characters and must not be easy to guess (422 `weak_password` ' +
      'says why). A wrong current password is 403 `wrong_password` and counts as a failed sign-in.',
    body: PasswordChangeBody,
    response: PasswordChangedResponse,
    errors: [403, 422, 429],
  },
];
