import type { Queryable } from '../base/db.js';
import { createTypoCorrector, type TypoCorrector } from './typo-correction.js';

/**
 * Corpus statistics for BM25 over `chunks.tsv`: chunk count, average length and per-lexeme
 * document frequency, read as one snapshot (`ts_stat` over the whole index, about 0.6 s at 100k
 * chunks) so a query never waits on a count. After a local write (`invalidate()`) the next query
 * waits for a fresh snapshot; past the TTL (another process may have written) the old one keeps
 * serving while a new one loads.
 */
export interface TermStats {
  corpus(): Promise<{ chunks: number; avgLength: number }>;
  documentFrequency(lexemes: string[]): Promise<Map<string, number>>;
  /** Spelling correction against this snapshot's vocabulary (built on first use, then cached with it). */
  typoCorrector(): Promise<TypoCorrector>;
  invalidate(): void;
}

interface Snapshot {
  chunks: number;
  avgLength: number;
  df: Map<string, number>;
  loadedAt: number;
  corrector?: TypoCorrector;
}

export function createTermStats(db: Queryable, ttlMs = 5 * 60_000): TermStats {
  let current: Promise<Snapshot> | null = null;
  let refreshing = false;

  async function load(): Promise<Snapshot> {
    const loadedAt = Date.now();
    const [corpus, words] = await Promise.all([
      db.query<{ n: number; avg: number | null }>(
        'SELECT count(*)::int AS n, avg(length(tsv))::float8 AS avg FROM chunks',
      ),
      db.query<{ word: string; ndoc: number }>("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM chunks')"),
    ]);
    return {
      chunks: Number(corpus.rows[0]?.n ?? 0),
      avgLength: Number(corpus.rows[0]?.avg ?? 0) || 1,
      df: new Map(words.rows.map((r) => [r.word, Number(r.ndoc)])),
      loadedAt,
    };
  }

  function foreground(): Promise<Snapshot> {
    const p = load();
    current = p;
    // A failed load is not kept: the caller sees the error and the next query tries again.
    p.catch(() => {
      if (current === p) current = null;
    });
    return p;
  }

  async function snapshot(): Promise<Snapshot> {
    if (!current) return foreground();
    const s = await current;
    if (Date.now() - s.loadedAt > ttlMs && !refreshing) {
      refreshing = true;
      const p = current;
      load()
        .then(
          (fresh) => {
            if (current === p) current = Promise.resolve(fresh);
          },
          // Serving stale figures silently forever is worse than one slow query: reload in the foreground next time.
          () => {
            if (current === p) current = null;
          },
        )
        .finally(() => {
          refreshing = false;
        });
    }
    return s;
  }

  return {
    async corpus() {
      const s = await snapshot();
      return { chunks: s.chunks, avgLength: s.avgLength };
    },

    async documentFrequency(lexemes) {
      const s = await snapshot();
      return new Map(lexemes.map((l) => [l, s.df.get(l) ?? 0]));
    },

    async typoCorrector() {
      const s = await snapshot();
      s.corrector ??= createTypoCorrector(s.df);
      return s.corrector;
    },

    invalidate() {
      current = null;
    },
  };
}

/** Quotes a lexeme for tsquery input, so punctuation inside it is never tsquery syntax. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
