import type { Queryable } from '../db/db.js';
import type { IntentDefinition } from '../../understanding/types.js';

export interface StoredIntent extends IntentDefinition {
  thresholds: NonNullable<IntentDefinition['thresholds']>;
  updatedAt: string;
}

interface IntentRow {
  name: string;
  description: string;
  examples: string[];
  skill: string;
  policy: IntentDefinition['policy'];
  severity: number;
  thresholds: NonNullable<IntentDefinition['thresholds']> | null;
  updated_at: Date | string;
}

const toIntent = (r: IntentRow): StoredIntent => ({
  name: r.name,
  description: r.description,
  examples: r.examples ?? [],
  skill: r.skill,
  policy: r.policy,
  severity: r.severity,
  thresholds: r.thresholds ?? {},
  updatedAt: (r.updated_at instanceof Date ? r.updated_at : new Date(r.updated_at)).toISOString(),
});

const UPSERT = `INSERT INTO intents (name, description, examples, skill, policy, severity, thresholds, updated_at)
  VALUES ($1, $2, $3::text[], $4, $5, $6, $7::jsonb, now())
  ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, examples = EXCLUDED.examples,
    skill = EXCLUDED.skill,
    policy = EXCLUDED.policy, severity = EXCLUDED.severity, thresholds = EXCLUDED.thresholds, updated_at = now()`;
const params = (d: IntentDefinition) => [
  d.name,
  d.description,
  d.examples,
  d.skill,
  d.policy,
  d.severity,
  JSON.stringify(d.thresholds ?? {}),
];

/** The `intents` table. Plain SQL, no rules: validation and retraining live in the intent service. */
export function createIntentStore(db: Queryable) {
  return {
    async list(): Promise<StoredIntent[]> {
      const { rows } = await db.query<IntentRow>('SELECT * FROM intents ORDER BY name');
      return rows.map(toIntent);
    },
    async get(name: string): Promise<StoredIntent | null> {
      const { rows } = await db.query<IntentRow>('SELECT * FROM intents WHERE name = $1', [name]);
      return rows[0] ? toIntent(rows[0]) : null;
    },
    /**
     * A hash over every row, ordered by name: it changes with any write (each upsert also moves
     * `updated_at`), so a process can notice someone else's change with one cheap query.
     */
    async fingerprint(): Promise<string> {
      const { rows } = await db.query<{ fp: string }>(
        `SELECT md5(coalesce(string_agg(i::text, chr(10) ORDER BY i.name), '')) AS fp FROM intents i`,
      );
      return rows[0]!.fp;
    },
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM intents');
      return Number(rows[0]?.n ?? 0);
    },
    /** Inserts or replaces by name. */
    async upsert(d: IntentDefinition): Promise<void> {
      await db.query(UPSERT, params(d));
    },
    async remove(name: string): Promise<boolean> {
      const { rows } = await db.query<{ name: string }>('DELETE FROM intents WHERE name = $1 RETURNING name', [name]);
      return rows.length > 0;
    },
    /** Several upserts (and optionally deletes of every other name) on one connection: call inside a transaction. */
    async upsertMany(defs: readonly IntentDefinition[], opts: { replace?: boolean } = {}): Promise<void> {
      if (opts.replace)
        await db.query('DELETE FROM intents WHERE NOT (name = ANY($1::text[]))', [defs.map((d) => d.name)]);
      for (const d of defs) await db.query(UPSERT, params(d));
    },
  };
}
export type IntentStore = ReturnType<typeof createIntentStore>;
