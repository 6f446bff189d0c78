import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import type { UserRole } from '../../protocol/domain.js';
import type { Db } from '../db/db.js';

/** What an agent token carries. `ver` must equal the user's stored token version. */
export interface AgentTokenClaims {
  sub: string;
  role: UserRole;
  name: string;
  ver: number;
}
/**
 * A verified agent: the token's signature, expiry and version checked, and role, name and level
 * read from the stored user at this moment, never from the token.
 */
export interface AgentClaims {
  kind: 'agent';
  sub: string;
  role: UserRole;
  name: string;
  level: 'agent' | 'senior' | 'manager';
}
export interface VisitorClaims {
  kind: 'visitor';
  /** Conversation id. */
  cid: string;
  /** Visitor id. */
  vid: string;
}

/** The stored sign-in state of a user (server/auth/user-repository.ts: one primary-key lookup). */
export interface SessionState {
  id: string;
  name: string;
  role: UserRole;
  level: AgentClaims['level'];
  disabled: boolean;
  tokenVersion: number;
}
export interface SessionStore {
  sessionState(userId: string): Promise<SessionState | null>;
}

export interface TokenService {
  signAgent(claims: AgentTokenClaims): Promise<string>;
  signVisitor(claims: Omit<VisitorClaims, 'kind'>): Promise<string>;
  /** Null unless the token is valid now and its user exists, is enabled and has not been signed out since. */
  verifyAgent(token: string): Promise<AgentClaims | null>;
  verifyVisitor(token: string): Promise<VisitorClaims | null>;
}

export interface TokenServiceOptions {
  secret: string;
  agentTtlSeconds: number;
  /** Consulted on every agent verification, so a role change, disable or sign-out applies at once. */
  sessions: SessionStore;
}

/** Visitor tokens live long: they are how a returning visitor finds the same conversation. */
const VISITOR_TTL_SECONDS = 90 * 24 * 3600;

export function createTokenService(opts: TokenServiceOptions): TokenService {
  const { secret, agentTtlSeconds, sessions } = opts;
  const now = () => Math.floor(Date.now() / 1000);
  async function check(token: string): Promise<Record<string, unknown> | null> {
    let payload: Record<string, unknown>;
    try {
      payload = (await verify(token, secret, 'HS256')) as Record<string, unknown>;
    } catch {
      return null; // expired, tampered or malformed: all mean "not signed in"
    }
    // hono checks `exp` only when present; a token that never expires is never issued here.
    return typeof payload.exp === 'number' ? payload : null;
  }
  return {
    signAgent: (c) =>
      sign(
        { kind: 'agent', sub: c.sub, role: c.role, name: c.name, ver: c.ver, iat: now(), exp: now() + agentTtlSeconds },
        secret,
        'HS256',
      ),
    signVisitor: (c) => sign({ kind: 'visitor', ...c, iat: now(), exp: now() + VISITOR_TTL_SECONDS }, secret, 'HS256'),
    async verifyAgent(token) {
      const p = await check(token);
      if (!p || p.kind !== 'agent' || typeof p.sub !== 'string' || !Number.isInteger(p.ver)) return null;
      const state = await sessions.sessionState(p.sub);
      if (!state || state.disabled || state.tokenVersion !== p.ver) return null;
      return { kind: 'agent', sub: state.id, role: state.role, name: state.name, level: state.level };
    },
    async verifyVisitor(token) {
      const p = await check(token);
      if (!p || p.kind !== 'visitor' || typeof p.cid !== 'string' || typeof p.vid !== 'string') return null;
      return { kind: 'visitor', cid: p.cid, vid: p.vid };
    },
  };
}

/** The configured secret, or one generated once and kept in the database so every node and restart shares it. */
export async function resolveAuthSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const fresh = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO settings (key, value) VALUES ('auth_secret', $1::jsonb) ON CONFLICT (key) DO NOTHING`, [
    JSON.stringify(fresh),
  ]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'auth_secret'`);
  return rows[0]!.value;
}
