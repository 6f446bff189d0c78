import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import type { UserRole } from '../../protocol/domain.js';
import type { Db } from '../db/db.js';

export interface AgentClaims {
  kind: 'agent';
  sub: string;
  role: UserRole;
  name: string;
}
export interface VisitorClaims {
  kind: 'visitor';
  /** Conversation id. */
  cid: string;
  /** Visitor id. */
  vid: string;
}

export interface TokenService {
  signAgent(claims: Omit<AgentClaims, 'kind'>): Promise<string>;
  signVisitor(claims: Omit<VisitorClaims, 'kind'>): Promise<string>;
  verifyAgent(token: string): Promise<AgentClaims | null>;
  verifyVisitor(token: string): Promise<VisitorClaims | null>;
}

/** Visitor tokens live long: they are how a returning visitor finds the same conversation. */
const VISITOR_TTL_SECONDS = 90 * 24 * 3600;

export function createTokenService(secret: string, agentTtlSeconds: number): TokenService {
  const now = () => Math.floor(Date.now() / 1000);
  async function check(token: string): Promise<Record<string, unknown> | null> {
    try {
      return (await verify(token, secret, 'HS256')) as Record<string, unknown>;
    } catch {
      return null; // expired, tampered or malformed: all mean "not signed in"
    }
  }
  return {
    signAgent: (c) => sign({ kind: 'agent', ...c, iat: now(), exp: now() + agentTtlSeconds }, secret, 'HS256'),
    signVisitor: (c) => sign({ kind: 'visitor', ...c, iat: now(), exp: now() + VISITOR_TTL_SECONDS }, secret, 'HS256'),
    async verifyAgent(token) {
      const p = await check(token);
      if (!p || p.kind !== 'agent' || typeof p.sub !== 'string') return null;
      return { kind: 'agent', sub: p.sub, role: p.role as UserRole, name: String(p.name ?? '') };
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
