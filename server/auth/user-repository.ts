import { randomUUID } from 'node:crypto';
import type { UserRole } from '../../protocol/domain.js';
import type { Queryable } from '../db/db.js';
import { conflict } from '../errors.js';
import { hashPassword } from './passwords.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  presence: 'online' | 'away' | 'offline';
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
}
const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  skills: r.skills ?? [],
  maxConcurrent: r.max_concurrent,
  presence: r.presence,
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
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
