import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { toVectorLiteral, type Queryable } from '../server/db/db.js';
import { bm25Score, BM25_DEFAULTS, type TermHits } from './bm25-score.js';
import { pageMatches } from './page-match.js';
import { createTermStats, quoteLexeme, type TermStats } from './term-stats.js';
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
  /** Shared with the knowledge base so writes invalidate it; created here when omitted. */
  termStats?: TermStats;
  bm25?: typeof BM25_DEFAULTS;
}

export const HYBRID_SEARCH_DEFAULTS = {
  mode: 'hybrid' as SearchMode,
  candidates: 40,
  /** Full-text matches pre-selected by ts_rank_cd before BM25 re-scores them. */
  fulltextCandidates: 100,
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
  len: number;
  /** [lexeme, occurrences, occurrences in the heading path] for each query lexeme present. */
  terms: [string, number, number][] | null;
}

/**
 * Vector candidates (pgvector cosine) and full-text candidates (OR-query over `tsv`, re-scored
 * with BM25 using corpus term statistics), fused by reciprocal rank fusion over their union,
 * boosted when the article belongs to the visitor's page, deduplicated to the best chunk per
 * article. `confident` comes from raw evidence (see retrieval-confidence.ts), not fused scores.
 */
export function createHybridSearch(options: HybridSearchOptions): HybridSearch {
  const cfg = { ...HYBRID_SEARCH_DEFAULTS, ...stripUndefined(options) };
  const thresholds = options.confidence ?? LOCAL_CONFIDENCE_THRESHOLDS;
  const { db, embeddings } = options;
  const termStats = options.termStats ?? createTermStats(db);
  const bm25Params = options.bm25 ?? BM25_DEFAULTS;
  const useVector = cfg.mode !== 'fulltext';
  const useFulltext = cfg.mode !== 'vector';

  return {
    async search(query, opts = {}) {
      const k = Math.max(1, Math.min(opts.k ?? HYBRID_SEARCH_DEFAULTS.k, 50));
      const text = query.trim();
      if (!text) return emptyResult();

      const [vector, lexemes] = await Promise.all([embeddings.embedQuery(text), queryLexemes(db, text)]);
      const tsquery = lexemes.length ? lexemes.map(quoteLexeme).join(' | ') : null;
      const vectorLiteral = toVectorLiteral(vector);
      const select = `SELECT c.id, c.article_id, c.heading_path, c.text, a.title, a.url, a.pages,
          1 - (c.embedding <=> $1::vector) AS similarity, length(c.tsv) AS len,
          (SELECT json_agg(json_build_array(u.lexeme, cardinality(u.positions),
                    (SELECT count(*) FROM unnest(u.weights) w WHERE w = 'A')))
             FROM unnest(c.tsv) u WHERE u.lexeme = ANY($2::text[])) AS terms
        FROM chunks c JOIN articles a ON a.id = c.article_id`;
      // A text with no words ("!!!") embeds to the zero vector, which has no cosine direction.
      const vectorUsable = useVector && vector.some((x) => x !== 0);
      const [vectorRows, fulltextRows, stats] = await Promise.all([
        vectorUsable
          ? db.query<CandidateRow>(`${select} ORDER BY c.embedding <=> $1::vector LIMIT $3`, [vectorLiteral, lexemes, cfg.candidates])
          : null,
        useFulltext && tsquery
          ? db.query<CandidateRow>(
              `${select} WHERE c.tsv @@ $3::tsquery ORDER BY ts_rank_cd(c.tsv, $3::tsquery, 1) DESC LIMIT $4`,
              [vectorLiteral, lexemes, tsquery, cfg.fulltextCandidates],
            )
          : null,
        lexemes.length ? loadStats(termStats, lexemes) : null,
      ]);

      const byId = new Map<string, CandidateRow>();
      for (const list of [vectorRows, fulltextRows]) for (const row of list?.rows ?? []) byId.set(row.id, row);
      const candidates = [...byId.values()].map((r) => {
        const hits: TermHits[] = (r.terms ?? []).map(([lexeme, total, heading]) => ({
          lexeme,
          heading: Number(heading),
          body: Number(total) - Number(heading),
        }));
        return {
          ...r,
          similarity: finiteOr0(r.similarity),
          bm25: stats ? bm25Score(hits, Number(r.len), stats, bm25Params) : 0,
          coverage: lexemes.length ? hits.length / lexemes.length : 0,
        };
      });
      if (candidates.length === 0) return emptyResult();

      // Rank the union by each signal so a chunk found by one list still gets its rank in the other.
      const fused = new Map<string, number>();
      const addRanks = (sorted: typeof candidates, weight: number) =>
        sorted.forEach((c, i) => fused.set(c.id, (fused.get(c.id) ?? 0) + weight / (cfg.rrfK + i + 1)));
      if (useVector) addRanks([...candidates].sort((a, b) => b.similarity - a.similarity), cfg.vectorWeight);
      if (useFulltext) {
        addRanks(candidates.filter((c) => c.bm25 > 0).sort((a, b) => b.bm25 - a.bm25), cfg.fulltextWeight);
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
      const others = [...best.values()].filter((b) => b.articleId !== top.articleId).map((b) => b.similarity);
      const meanOthers = others.length ? others.reduce((s, x) => s + x, 0) / others.length : 0;
      const margin = top.similarity > 0 ? (top.similarity - meanOthers) / top.similarity : 0;
      const signals = { topSimilarity: top.similarity, topCoverage: top.coverage, candidates: candidates.length, margin };
      return {
        results: ranked.map(({ similarity: _s, coverage: _c, ...chunk }) => chunk),
        confident: isConfident({ similarity: top.similarity, coverage: top.coverage, margin }, thresholds),
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

async function loadStats(termStats: TermStats, lexemes: string[]) {
  const [corpus, df] = await Promise.all([termStats.corpus(), termStats.documentFrequency(lexemes)]);
  return { ...corpus, df };
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
