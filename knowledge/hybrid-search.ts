import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { toVectorLiteral, type Queryable } from '../server/db/db.js';
import { bm25Score, bm25UpperBound, BM25_DEFAULTS, type TermHits } from './bm25-score.js';
import { pageMatches } from './page-match.js';
import { planFulltext } from './fulltext-plan.js';
import { createTermStats, type TermStats } from './term-stats.js';
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
  /** Most chunks the full-text half may rank per query; see HYBRID_SEARCH_DEFAULTS. */
  fulltextBudget?: number;
  /** Relative weights of cosine similarity and normalised BM25 in the fused score. */
  vectorWeight?: number;
  fulltextWeight?: number;
  /** Score multiplier for articles whose `pages` match the visitor's page. */
  pageBoost?: number;
  /** Score multiplier for articles in the visitor's language (`SearchOptions.language`). */
  languageBoost?: number;
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
  /**
   * Most chunks the full-text half ranks per query (see fulltext-plan.ts): bounds its cost at any
   * corpus size. A query whose words are all common and match more chunks than this together
   * gets its candidates from the vector half alone; BM25 still re-scores them.
   */
  fulltextBudget: 1000,
  vectorWeight: 1,
  fulltextWeight: 1,
  pageBoost: 1.15,
  languageBoost: 1.3,
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
  lang: string;
  similarity: number;
  len: number;
  /** [lexeme, occurrences, occurrences in the heading path] for each query lexeme present. */
  terms: [string, number, number][] | null;
}

/**
 * Vector candidates (pgvector cosine) and full-text candidates (the query's selective words over
 * `tsv`, see fulltext-plan.ts), all re-scored with BM25 over every query word using corpus term
 * statistics, fused as a weighted sum of cosine and normalised BM25 over their union, boosted when the article belongs to the visitor's page, deduplicated to the best chunk per
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
      const vectorLiteral = toVectorLiteral(vector);
      const select = `SELECT c.id, c.article_id, c.heading_path, c.text, a.title, a.url, a.pages, a.lang,
          1 - (c.embedding <=> $1::vector) AS similarity, length(c.tsv) AS len,
          (SELECT json_agg(json_build_array(u.lexeme, cardinality(u.positions),
                    (SELECT count(*) FROM unnest(u.weights) w WHERE w = 'A')))
             FROM unnest(c.tsv) u WHERE u.lexeme = ANY($2::text[])) AS terms
        FROM chunks c JOIN articles a ON a.id = c.article_id`;
      // A text with no words ("!!!") embeds to the zero vector, which has no cosine direction.
      const vectorUsable = useVector && vector.some((x) => x !== 0);
      const lexical = async () => {
        if (!lexemes.length) return { stats: null, rows: null };
        const stats = await loadStats(termStats, lexemes);
        const plan = useFulltext ? planFulltext(lexemes, stats.df, cfg.fulltextBudget) : null;
        if (!plan) return { stats, rows: null };
        // Matches beyond the budget mean the words are too common to find anything by: no list.
        const rows = await db.query<CandidateRow>(
          `WITH matched AS MATERIALIZED (SELECT id, tsv FROM chunks WHERE tsv @@ $3::tsquery LIMIT $5 + 1),
                best AS (SELECT id FROM matched WHERE (SELECT count(*) FROM matched) <= $5
                         ORDER BY ts_rank_cd(tsv, $3::tsquery, 1) DESC LIMIT $4)
           ${select} WHERE c.id = ANY(ARRAY(SELECT id FROM best))`,
          [vectorLiteral, lexemes, plan.tsquery, cfg.fulltextCandidates, cfg.fulltextBudget],
        );
        return { stats, rows };
      };
      const [vectorRows, { stats, rows: fulltextRows }] = await Promise.all([
        vectorUsable
          ? db.query<CandidateRow>(`${select} ORDER BY c.embedding <=> $1::vector LIMIT $3`, [vectorLiteral, lexemes, cfg.candidates])
          : null,
        lexical(),
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

      // Convex combination of the two raw scores over the union (Bruch et al. 2023, "An Analysis of
      // Fusion Functions for Hybrid Retrieval"): on StackFAQ it beats reciprocal rank fusion
      // (hit@1 0.803 vs 0.778) on both halves of the query set. BM25 is divided by its largest
      // possible value for this query, so the fused score means the same from query to query.
      const vectorShare = useVector ? cfg.vectorWeight : 0;
      const fulltextShare = useFulltext ? cfg.fulltextWeight : 0;
      const alpha = vectorShare / (vectorShare + fulltextShare || 1);
      const bm25Max = stats ? bm25UpperBound(lexemes, stats, bm25Params) : 1;
      const fusedScore = (c: (typeof candidates)[number]) =>
        alpha * Math.max(0, c.similarity) + (1 - alpha) * (bm25Max > 0 ? c.bm25 / bm25Max : 0);

      const best = new Map<string, RetrievedChunk & { similarity: number; coverage: number }>();
      for (const c of candidates) {
        const pageMatch = pageMatches(c.pages ?? [], opts.pageUrl);
        const sameLanguage = opts.language !== undefined && c.lang === opts.language;
        const score = fusedScore(c) * (pageMatch ? cfg.pageBoost : 1) * (sameLanguage ? cfg.languageBoost : 1);
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
          lang: c.lang,
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
