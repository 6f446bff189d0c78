import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { toVectorLiteral, type Queryable } from '../server/db/db.js';
import { pageMatches } from './page-match.js';
import { isConfident, LOCAL_CONFIDENCE_THRESHOLDS, type ConfidenceThresholds } from './retrieval-confidence.js';
import type { RetrievalResult, RetrievedChunk, SearchOptions } from './types.js';

export type SearchMode = 'hybrid' | 'vector' | 'fulltext';

export interface HybridSearchOptions {
  db: Queryable;
  embeddings: EmbeddingsInterface;
  /** Which candidate lists feed the fusion; `vector` and `fulltext` exist for evaluation. */
  mode?: SearchMode;
  /** Chunks fetched per list. pgvector's HNSW returns at most `hnsw.ef_search` (default 40) rows. */
  candidates?: number;
  /** Reciprocal rank fusion constant: larger flattens the difference between ranks. */
  rrfK?: number;
  vectorWeight?: number;
  fulltextWeight?: number;
  /** Score multiplier for articles whose `pages` match the visitor's page. */
  pageBoost?: number;
  confidence?: ConfidenceThresholds;
}

export const HYBRID_SEARCH_DEFAULTS = {
  mode: 'hybrid' as SearchMode,
  candidates: 40,
  rrfK: 20,
  vectorWeight: 1,
  fulltextWeight: 1,
  pageBoost: 1.15,
  k: 5,
};

export interface HybridSearch {
  search(query: string, opts?: SearchOptions): Promise<RetrievalResult>;
}

interface CandidateRow {
  id: string;
  article_id: string;
  heading_path: string;
  text: string;
  title: string;
  url: string | null;
  pages: string[];
  similarity: number;
  ft_rank: number;
  matched: number;
}

/**
 * Vector candidates and full-text candidates, fused by reciprocal rank fusion over their union,
 * boosted when the article belongs to the visitor's page, deduplicated to the best chunk per
 * article. `confident` comes from raw evidence (see retrieval-confidence.ts), not fused scores.
 */
export function createHybridSearch(options: HybridSearchOptions): HybridSearch {
  const cfg = { ...HYBRID_SEARCH_DEFAULTS, ...stripUndefined(options) };
  const thresholds = options.confidence ?? LOCAL_CONFIDENCE_THRESHOLDS;
  const { db, embeddings } = options;
  const useVector = cfg.mode !== 'fulltext';
  const useFulltext = cfg.mode !== 'vector';

  return {
    async search(query, opts = {}) {
      const k = Math.max(1, Math.min(opts.k ?? HYBRID_SEARCH_DEFAULTS.k, 50));
      const text = query.trim();
      if (!text) return emptyResult();

      const [vector, lexemes] = await Promise.all([embeddings.embedQuery(text), queryLexemes(db, text)]);
      const tsquery = lexemes.length ? lexemes.map(quoteLexeme).join(' | ') : null;
      const params = [toVectorLiteral(vector), tsquery, lexemes, cfg.candidates];
      const select = `SELECT c.id, c.article_id, c.heading_path, c.text, a.title, a.url, a.pages,
          1 - (c.embedding <=> $1::vector) AS similarity,
          CASE WHEN $2::tsquery IS NULL THEN 0 ELSE ts_rank_cd(c.tsv, $2::tsquery, 1) END AS ft_rank,
          coalesce(cardinality(array(
            SELECT unnest(tsvector_to_array(c.tsv)) INTERSECT SELECT unnest($3::text[]))), 0) AS matched
        FROM chunks c JOIN articles a ON a.id = c.article_id`;
      // A text with no words ("!!!") embeds to the zero vector, which has no cosine direction.
      const vectorUsable = useVector && vector.some((x) => x !== 0);
      const lists = await Promise.all([
        vectorUsable ? db.query<CandidateRow>(`${select} ORDER BY c.embedding <=> $1::vector LIMIT $4`, params) : null,
        useFulltext && tsquery
          ? db.query<CandidateRow>(
              `${select} WHERE c.tsv @@ $2::tsquery ORDER BY ts_rank_cd(c.tsv, $2::tsquery, 1) DESC LIMIT $4`,
              params,
            )
          : null,
      ]);

      const byId = new Map<string, CandidateRow>();
      for (const list of lists) for (const row of list?.rows ?? []) byId.set(row.id, row);
      const candidates = [...byId.values()].map((r) => ({
        ...r,
        similarity: finiteOr0(r.similarity),
        ft_rank: Number(r.ft_rank),
        coverage: lexemes.length ? Number(r.matched) / lexemes.length : 0,
      }));
      if (candidates.length === 0) return emptyResult();

      // Rank the union by each signal so a chunk found by one list still gets its rank in the other.
      const fused = new Map<string, number>();
      const addRanks = (sorted: typeof candidates, weight: number) =>
        sorted.forEach((c, i) => fused.set(c.id, (fused.get(c.id) ?? 0) + weight / (cfg.rrfK + i + 1)));
      if (useVector) addRanks([...candidates].sort((a, b) => b.similarity - a.similarity), cfg.vectorWeight);
      if (useFulltext) {
        addRanks(candidates.filter((c) => c.ft_rank > 0).sort((a, b) => b.ft_rank - a.ft_rank), cfg.fulltextWeight);
      }
      const maxFused = ((useVector ? cfg.vectorWeight : 0) + (useFulltext ? cfg.fulltextWeight : 0)) / (cfg.rrfK + 1);

      const best = new Map<string, RetrievedChunk & { similarity: number; coverage: number }>();
      for (const c of candidates) {
        const pageMatch = pageMatches(c.pages ?? [], opts.pageUrl);
        const score = ((fused.get(c.id) ?? 0) / maxFused) * (pageMatch ? cfg.pageBoost : 1);
        const prev = best.get(c.article_id);
        if (prev && prev.score >= score) continue;
        best.set(c.article_id, {
          chunkId: c.id,
          articleId: c.article_id,
          title: c.title,
          url: c.url,
          headingPath: c.heading_path,
          text: c.text,
          score,
          pageMatch,
          similarity: c.similarity,
          coverage: c.coverage,
        });
      }
      const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, k);
      const top = ranked[0]!;
      const signals = { topSimilarity: top.similarity, topCoverage: top.coverage, candidates: candidates.length };
      return {
        results: ranked.map(({ similarity: _s, coverage: _c, ...chunk }) => chunk),
        confident: isConfident({ similarity: top.similarity, coverage: top.coverage }, thresholds),
        signals,
      };
    },
  };
}

/** The query's English content lexemes, stemmed and stopword-free, exactly as the `tsv` column has them. */
async function queryLexemes(db: Queryable, text: string): Promise<string[]> {
  const { rows } = await db.query<{ lexemes: string[] | null }>(
    "SELECT tsvector_to_array(to_tsvector('english', $1)) AS lexemes",
    [text],
  );
  return rows[0]?.lexemes ?? [];
}

/** Quotes a lexeme for tsquery input, so punctuation inside it is never tsquery syntax. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function emptyResult(): RetrievalResult {
  return { results: [], confident: false, signals: { topSimilarity: 0, topCoverage: 0, candidates: 0 } };
}

function finiteOr0(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
