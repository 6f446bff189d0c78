import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../protocol/domain.js';
import type { Queryable } from '../db/db.js';
import { conflict } from '../errors.js';
import { hashPassword } from './passwords.js';
import { assertStrongPassword } from './password-policy.js';
import type { SessionState } from './tokens.js';
import type { WorkingHours } from '../routing/working-hours.js';
import type { Agent } from '../../protocol/responses/agents.js';

/** An agent or admin as the API returns it (protocol/responses/agents.ts); never the password hash. */
export type User = Agent;
interface UserRow {
  id: string;
  email: string;
  name: string;
  display_name: string | null;
  role: UserRole;
  skills: string[];
  max_concurrent: number;
  presence: User['presence'];
  password_hash: string;
  level: User['level'];
  team_id: string | null;
  presence_manual: User['presenceManual'];
  on_call: boolean;
  working_hours: WorkingHours | null;
  disabled: boolean;
  token_version: number;
}
const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  displayName: r.display_name ?? null,
  role: r.role,
  skills: r.skills ?? [],
  maxConcurrent: r.max_concurrent,
  presence: r.presence_manual ?? r.presence,
  level: r.level,
  teamId: r.team_id,
  presenceManual: r.presence_manual,
  onCall: r.on_call,
  workingHours: r.working_hours,
  disabled: r.disabled,
});

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  displayName?: string;
}

export function createUserRepository(db: Queryable) {
  return {
    async create(u: NewUser): Promise<User> {
      assertStrongPassword(u.password, [u.email, u.name]);
      const hash = await hashPassword(u.password);
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (id, email, name, role, password_hash, skills, max_concurrent, display_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING RETURNING *`,
        [randomUUID(), u.email.toLowerCase(), u.name, u.role, hash, u.skills, u.maxConcurrent, u.displayName ?? null],
      );
      if (!rows[0]) throw conflict(`A user with email ${u.email} already exists.`, 'email_taken');
      return toUser(rows[0]);
    },
    async findByEmailWithHash(email: string): Promise<(User & { passwordHash: string; tokenVersion: number }) | null> {
      const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
      return rows[0]
        ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash, tokenVersion: rows[0].token_version }
        : null;
    },
    async getWithHash(id: string): Promise<(User & { passwordHash: string; tokenVersion: number }) | null> {
      const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0]
        ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash, tokenVersion: rows[0].token_version }
        : null;
    },
    /** Checked on every authenticated request and agent socket event: one primary-key lookup. */
    async sessionState(id: string): Promise<SessionState | null> {
      const { rows } = await db.query<{
        id: string;
        name: string;
        role: UserRole;
        level: User['level'];
        disabled: boolean;
        token_version: number;
      }>('SELECT id, name, role, level, disabled, token_version FROM users WHERE id = $1', [id]);
      const r = rows[0];
      return r
        ? { id: r.id, name: r.name, role: r.role, level: r.level, disabled: r.disabled, tokenVersion: r.token_version }
        : null;
    },
    /** "Sign out everywhere": every token issued so far stops working. Null when there is no such user. */
    async revokeSessions(id: string): Promise<number | null> {
      const { rows } = await db.query<{ token_version: number }>(
        'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
        [id],
      );
      return rows[0]?.token_version ?? null;
    },
    async get(id: string): Promise<User | null> {
      const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async list(): Promise<User[]> {
      const { rows } = await db.query<UserRow>('SELECT * FROM users ORDER BY role DESC, name');
      return rows.map(toUser);
    },
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? 0;
    },
    /** Also signs the user out everywhere; returns the new token version (null: no such user). */
    async setPassword(email: string, password: string, userInputs: string[] = [email]): Promise<number | null> {
      assertStrongPassword(password, userInputs);
      const { rows } = await db.query<{ token_version: number }>(
        'UPDATE users SET password_hash = $2, token_version = token_version + 1 ' +
          'WHERE email = $1 RETURNING token_version',
        [email.toLowerCase(), await hashPassword(password)],
      );
      return rows[0]?.token_version ?? null;
    },
    /** The name customers see; returns the updated user (null: no such user). */
    async setDisplayName(id: string, displayName: string): Promise<User | null> {
      const { rows } = await db.query<UserRow>('UPDATE users SET display_name = $2 WHERE id = $1 RETURNING *', [
        id,
        displayName,
      ]);
      return rows[0] ? toUser(rows[0]) : null;
    },
    async setPresence(id: string, presence: User['presence']): Promise<void> {
      await db.query('UPDATE users SET presence = $2, last_seen_at = now() WHERE id = $1', [id, presence]);
    },
    /** Manual presence: `away` holds until set back to online. */
    async setManualPresence(id: string, manual: 'away' | 'offline' | null): Promise<void> {
      await db.query('UPDATE users SET presence_manual = $2 WHERE id = $1', [id, manual]);
    },
    async update(
      id: string,
      patch: Partial<{
        name: string;
        role: UserRole;
        skills: string[];
        maxConcurrent: number;
        level: User['level'];
        teamId: string | null;
        onCall: boolean;
        workingHours: WorkingHours | null;
        disabled: boolean;
      }>,
    ): Promise<User | null> {
      // A role change or a disable ends every session: tokens carry the version they were issued with.
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET
           token_version = token_version + CASE WHEN ($3::text IS NOT NULL AND $3::text <> role) OR ($12::boolean
             AND NOT disabled) THEN 1 ELSE 0 END,
           disabled = COALESCE($12, disabled),
           -- A disabled agent is offered no more conversations.
           presence = CASE WHEN $12::boolean THEN 'offline' ELSE presence END,
           name = COALESCE($2, name), role = COALESCE($3, role), skills = COALESCE($4, skills),
           max_concurrent = COALESCE($5, max_concurrent), level = COALESCE($6, level),
           team_id = CASE WHEN $7::boolean THEN $8 ELSE team_id END,
           on_call = COALESCE($9, on_call),
           working_hours = CASE WHEN $10::boolean THEN $11::jsonb ELSE working_hours END
         WHERE id = $1 RETURNING *`,
        [
          id,
          patch.name ?? null,
          patch.role ?? null,
          patch.skills ?? null,
          patch.maxConcurrent ?? null,
          patch.level ?? null,
          'teamId' in patch,
          patch.teamId ?? null,
          patch.onCall ?? null,
          'workingHours' in patch,
          patch.workingHours ? JSON.stringify(patch.workingHours) : null,
          patch.disabled ?? null,
        ],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
