import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { conflict, notFound } from '../errors.js';

export interface CannedResponse {
  id: string;
  title: string;
  text: string;
  shortcut: string | null;
}

/** Saved replies agents insert with a shortcut; a shortcut names one reply at most. */
export function createCannedResponses(db: Queryable) {
  return {
    async list(): Promise<CannedResponse[]> {
      const { rows } = await db.query<CannedResponse>(
        'SELECT id, title, text, shortcut FROM canned_responses ORDER BY title',
      );
      return rows;
    },
    /** Throws 409 `shortcut_taken` when another reply has the shortcut. */
    async create(body: { title: string; text: string; shortcut?: string }): Promise<{ id: string }> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO canned_responses (id, title, text, shortcut) VALUES ($1, ` +
          `$2, $3, $4) ON CONFLICT (shortcut) DO NOTHING RETURNING id`,
        [randomUUID(), body.title, body.text, body.shortcut ?? null],
      );
      if (!rows[0]) throw conflict(`The shortcut "${body.shortcut}" is taken.`, 'shortcut_taken');
      return { id: rows[0].id };
    },
    async remove(id: string): Promise<void> {
      const { rows } = await db.query<{ id: string }>('DELETE FROM canned_responses WHERE id = $1 RETURNING id', [id]);
      if (!rows[0]) throw notFound('Canned response');
    },
  };
}

export type CannedResponses = ReturnType<typeof createCannedResponses>;
