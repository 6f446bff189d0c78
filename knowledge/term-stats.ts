import type { Queryable } from '../server/db/db.js';

/**
 * Corpus statistics for BM25 over `chunks.tsv`: chunk count, average length and per-lexeme
 * document frequency. Cached in memory; the knowledge base calls `invalidate()` after writes,
 * and a TTL bounds staleness when another server process writes.
 */
export interface TermStats {
  corpus(): Promise<{ chunks: number; avgLength: number }>;
  documentFrequency(lexemes: string[]): Promise<Map<string, number>>;
  invalidate(): void;
}

export function createTermStats(db: Queryable, ttlMs = 5 * 60_000): TermStats {
  let corpus: { chunks: number; avgLength: number } | null = null;
  let df = new Map<string, number>();
  let loadedAt = 0;

  function fresh(): void {
    if (Date.now() - loadedAt > ttlMs) {
      corpus = null;
      df = new Map();
      loadedAt = Date.now();
    }
  }

  return {
    async corpus() {
      fresh();
      if (!corpus) {
        const { rows } = await db.query<{ n: number; avg: number | null }>(
          'SELECT count(*)::int AS n, avg(length(tsv))::float8 AS avg FROM chunks',
        );
        corpus = { chunks: Number(rows[0]?.n ?? 0), avgLength: Number(rows[0]?.avg ?? 0) || 1 };
      }
      return corpus;
    },

    async documentFrequency(lexemes) {
      fresh();
      const missing = lexemes.filter((l) => !df.has(l));
      if (missing.length) {
        // One GIN-index count per lexeme.
        const { rows } = await db.query<{ l: string; n: number }>(
          `SELECT t.l, (SELECT count(*) FROM chunks WHERE tsv @@ t.q::tsquery)::int AS n
             FROM unnest($1::text[], $2::text[]) AS t(l, q)`,
          [missing, missing.map(quoteLexeme)],
        );
        for (const r of rows) df.set(r.l, Number(r.n));
      }
      return new Map(lexemes.map((l) => [l, df.get(l) ?? 0]));
    },

    invalidate() {
      corpus = null;
      df = new Map();
    },
  };
}

/** Quotes a lexeme for tsquery input, so punctuation inside it is never tsquery syntax. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
