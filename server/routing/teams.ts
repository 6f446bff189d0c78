import { randomUUID } from 'node:crypto';
import type { OfficeHours } from '../../protocol/office-hours.js';
import type { Queryable } from '../db/db.js';
import { conflict, notFound } from '../errors.js';

/** What an admin sets on a team (the body of `POST`/`PUT /api/teams`). */
export interface TeamFields {
  name: string;
  skills: string[];
}

export interface Team {
  id: string;
  name: string;
  skills: string[];
  members: number;
  officeHours: OfficeHours | null;
}

/** Teams group agents and carry the skills routing matches on, and their office hours. */
export function createTeams(db: Queryable) {
  return {
    /** Every team by name, with how many agents belong to it. */
    async list(): Promise<Team[]> {
      const { rows } = await db.query<{
        id: string;
        name: string;
        skills: string[];
        members: number;
        office_hours: OfficeHours | null;
      }>(
        `SELECT t.id, t.name, t.skills, t.office_hours, (SELECT count(*) FROM users u ` +
          `WHERE u.team_id = t.id)::int AS members FROM teams t ORDER BY t.name`,
      );
      return rows.map(({ office_hours, ...t }) => ({ ...t, officeHours: office_hours }));
    },
    /** Throws 409 `team_exists` when the name is taken. */
    async create(body: TeamFields): Promise<{ id: string }> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO teams (id, name, skills) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id`,
        [randomUUID(), body.name, body.skills],
      );
      if (!rows[0]) throw conflict(`A team named "${body.name}" already exists.`, 'team_exists');
      return { id: rows[0].id };
    },
    async update(id: string, body: TeamFields): Promise<{ id: string }> {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE teams SET name = $2, skills = $3 WHERE id = $1 RETURNING id`,
        [id, body.name, body.skills],
      );
      if (!rows[0]) throw notFound('Team');
      return { id: rows[0].id };
    },
    /** Null: always open. */
    async setOfficeHours(id: string, officeHours: OfficeHours | null): Promise<{ id: string }> {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE teams SET office_hours = $2::jsonb WHERE id = $1 RETURNING id`,
        [id, officeHours ? JSON.stringify(officeHours) : null],
      );
      if (!rows[0]) throw notFound('Team');
      return { id: rows[0].id };
    },
    async remove(id: string): Promise<void> {
      const { rows } = await db.query<{ id: string }>(`DELETE FROM teams WHERE id = $1 RETURNING id`, [id]);
      if (!rows[0]) throw notFound('Team');
    },
  };
}

export type Teams = ReturnType<typeof createTeams>;
