import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../protocol/domain.js';
import type { Queryable } from '../db/db.js';
import { conflict } from '../errors.js';
import { hashPassword } from './passwords.js';
import type { WorkingHours } from '../routing/working-hours.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  presence: 'online' | 'away' | 'offline';
  level: 'agent' | 'senior' | 'manager';
  teamId: string | null;
  /** Set by hand; wins over the connection-based presence. */
  presenceManual: 'away' | 'offline' | null;
  onCall: boolean;
  workingHours: WorkingHours | null;
}
interface UserRow {
  id: string;
  email: string;
  name: string;
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
}
const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  skills: r.skills ?? [],
  maxConcurrent: r.max_concurrent,
  presence: r.presence_manual ?? r.presence,
  level: r.level,
  teamId: r.team_id,
  presenceManual: r.presence_manual,
  onCall: r.on_call,
  workingHours: r.working_hours,
});

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
}

export function createUserRepository(db: Queryable) {
  return {
    async create(u: NewUser): Promise<User> {
      const hash = await hashPassword(u.password);
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (id, email, name, role, password_hash, skills, max_concurrent)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING *`,
        [randomUUID(), u.email.toLowerCase(), u.name, u.role, hash, u.skills, u.maxConcurrent],
      );
      if (!rows[0]) throw conflict(`A user with email ${u.email} already exists.`, 'email_taken');
      return toUser(rows[0]);
    },
    async findByEmailWithHash(email: string): Promise<(User & { passwordHash: string }) | null> {
      const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
      return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
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
    async setPassword(email: string, password: string): Promise<void> {
      await db.query('UPDATE users SET password_hash = $2 WHERE email = $1', [email.toLowerCase(), await hashPassword(password)]);
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
      patch: Partial<{ name: string; role: UserRole; skills: string[]; maxConcurrent: number; level: User['level']; teamId: string | null; onCall: boolean; workingHours: WorkingHours | null }>,
    ): Promise<User | null> {
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET
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
        ],
      );
      return rows[0] ? toUser(rows[0]) : null;
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
