import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { toVectorLiteral, type Queryable } from '../base/db.js';
import { bm25Score, bm25UpperBound, BM25_DEFAULTS, idf, type TermHits } from './bm25-score.js';
import {
  confidenceFeatures,
  zeroFeatures,
  type ArticleEvidence,
  type ConfidenceFeatures,
} from './confidence-features.js';
import { pageMatches } from './page-match.js';
import { planFulltext, type FulltextPlan } from './fulltext-plan.js';
import { createTermStats, type TermStats } from './term-stats.js';
import { correctLexemes } from './typo-correction.js';
import { isConfident, LOCAL_CONFIDENCE_THRESHOLDS, type ConfidenceThresholds } from './retrieval-confidence.js';
import type { RetrievalResult, RetrievalSignals, RetrievedChunk, SearchOptions } from './types.js';

export type SearchMode = 'hybrid' | 'vector' | 'fulltext';

export interface HybridSearchOptions {
  db: Queryable;
  embeddings: EmbeddingsInterface;
  /** Which candidate lists feed the fusion; `vector` and `fulltext` exist for evaluation. */
  mode?: SearchMode;
  /**
   * Both candidate lists in one statement, reading each chunk once: for a database that runs one
   * statement at a time (the embedded one). PostgreSQL runs the two side by side on two
   * connections, faster at scale (100k chunks: p50 15.6 vs 21.7 ms in one statement).
   */
  oneStatement?: boolean;
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
  /** Fixed thresholds used while the knowledge base has no calibration. */
  confidence?: ConfidenceThresholds;
  /** The knowledge base's own fitted confidence model (see confidence-calibration.ts); wins when present. */
  calibration?: CalibrationSource;
  /** Shared with the knowledge base so writes invalidate it; created here when omitted. */
  termStats?: TermStats;
  bm25?: typeof BM25_DEFAULTS;
  /** Correct query words the index has never seen to a close indexed word (typo-correction.ts); default on. */
  typoCorrection?: boolean;
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
  typoCorrection: true,
  k: 5,
};

export interface HybridSearch {
  search(query: string, opts?: SearchOptions): Promise<RetrievalResult>;
  /** The scored candidates of a query, for calibration: rank them with and without an article. */
  evidence(query: string): Promise<QueryEvidence>;
  rank(evidence: QueryEvidence, opts?: SearchOptions & { excludeArticleId?: string }): RetrievalResult;
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
  content_hash: string;
  similarity: number;
  len: number;
  /** [lexeme, occurrences, occurrences in the heading path] for each query lexeme present. */
  terms: [string, number, number][] | null;
}

/**
 * Vector candidates (pgvector cosine) and full-text candidates (the query's selective words over
 * `tsv`, see fulltext-plan.ts), all re-scored with BM25 over every query word using corpus term
 * statistics, fused as a weighted sum of cosine and normalised BM25 over their union, boosted when the article belongs
 * to the visitor's page, deduplicated to the best chunk per article. `confident` comes from raw evidence (see
 * retrieval-confidence.ts), not fused scores.
 */
export function createHybridSearch(options: HybridSearchOptions): HybridSearch {
  const cfg = { ...HYBRID_SEARCH_DEFAULTS, ...stripUndefined(options) };
  const thresholds = options.confidence ?? LOCAL_CONFIDENCE_THRESHOLDS;
  const { db, embeddings } = options;
  const termStats = options.termStats ?? createTermStats(db);
  const bm25Params = options.bm25 ?? BM25_DEFAULTS;
  const useVector = cfg.mode !== 'fulltext';
  const useFulltext = cfg.mode !== 'vector';

  /** Scores every candidate chunk for the query; no ranking yet (see `rank`). */
  async function gather(query: string, language?: string): Promise<QueryEvidence> {
    const text = query.trim();
    if (!text) return { candidates: [], lexemes: 0, idf: new Map(), df: new Map() };

    const [typedVector, rawLexemes] = await Promise.all([embeddings.embedQuery(text), queryLexemes(db, text)]);
    // Corrected before both lists are fetched: the vector half reports term hits for the same lexemes.
    const correction =
      cfg.typoCorrection && useFulltext && rawLexemes.length
        ? correctLexemes(rawLexemes, await termStats.typoCorrector())
        : null;
    const lexemes = correction?.lexemes ?? rawLexemes;
    // A misspelt word also leaves the vector far from its article: embed the typed text followed by
    // the corrections ("downlaod an invoise" + "download invoic"; a second embedding only when
    // something was corrected). Appended, not replaced: a correction is a stem, and the corrector
    // also "corrects" real words the articles happen not to use ("verification" -> "verifi"), so
    // the typed words keep their own features (demo, two-step verification: similarity 0.15
    // typed, 0.02 with the word replaced, 0.14 appended; downlaod an invoise 0.05 -> 0.36).
    // English only: the lexemes are English stems, and a French word "corrected" to an English
    // one pulls the vector of a French question away from its French article.
    const vector =
      useVector && correction?.corrected.length && (language === undefined || language === 'en')
        ? await embeddings.embedQuery(`${text} ${correction.corrected.map(([, to]) => to).join(' ')}`)
        : typedVector;
    const vectorLiteral = toVectorLiteral(vector);
    const select = `SELECT c.id, c.article_id, c.heading_path, c.text, a.title, a.url, a.pages, a.lang, a.content_hash,
        1 - (c.embedding <=> $1::vector) AS similarity, length(c.tsv) AS len,
        (SELECT json_agg(json_build_array(u.lexeme, cardinality(u.positions),
                  (SELECT count(*) FROM unnest(u.weights) w WHERE w = 'A')))
           FROM unnest(c.tsv) u WHERE u.lexeme = ANY($2::text[])) AS terms
      FROM chunks c JOIN articles a ON a.id = c.article_id`;
    // A text with no words ("!!!") embeds to the zero vector, which has no cosine direction.
    const vectorUsable = useVector && vector.some((x) => x !== 0);
    const fulltextBest = `matched AS MATERIALIZED (SELECT id, tsv FROM chunks WHERE tsv @@ $3::tsquery LIMIT $5 + 1),
        best AS (SELECT id FROM matched WHERE (SELECT count(*) FROM matched) <= $5
                 ORDER BY ts_rank_cd(tsv, $3::tsquery, 1) DESC LIMIT $4)`;
    const vectorList = () =>
      db.query<CandidateRow>(`${select} ORDER BY c.embedding <=> $1::vector LIMIT $3`, [
        vectorLiteral,
        lexemes,
        cfg.candidates,
      ]);
    const fulltextList = (plan: FulltextPlan) =>
      db.query<CandidateRow>(`WITH ${fulltextBest} ${select} WHERE c.id = ANY(ARRAY(SELECT id FROM best))`, [
        vectorLiteral,
        lexemes,
        plan.tsquery,
        cfg.fulltextCandidates,
        cfg.fulltextBudget,
      ]);
    const bothLists = (plan: FulltextPlan) =>
      db.query<CandidateRow>(
        `WITH ${fulltextBest},
              near AS (SELECT id FROM chunks ORDER BY embedding <=> $1::vector LIMIT $6)
         ${select} WHERE c.id = ANY(ARRAY(SELECT id FROM best UNION SELECT id FROM near))`,
        [vectorLiteral, lexemes, plan.tsquery, cfg.fulltextCandidates, cfg.fulltextBudget, cfg.candidates],
      );
    const statsLoaded = lexemes.length ? loadStats(termStats, lexemes) : Promise.resolve(null);
    // Matches beyond the budget mean the words are too common to find anything by: no list.
    const planOf = (stats: QueryStats | null) =>
      stats && useFulltext ? planFulltext(lexemes, stats.df, cfg.fulltextBudget) : null;
    let rows: CandidateRow[];
    if (options.oneStatement) {
      const plan = planOf(await statsLoaded);
      const listed = plan
        ? await (vectorUsable ? bothLists(plan) : fulltextList(plan))
        : vectorUsable
          ? await vectorList()
          : null;
      rows = listed?.rows ?? [];
    } else {
      const [vectorRows, fulltextRows] = await Promise.all([
        vectorUsable ? vectorList() : null,
        statsLoaded.then((stats) => {
          const plan = planOf(stats);
          return plan ? fulltextList(plan) : null;
        }),
      ]);
      rows = [...(vectorRows?.rows ?? []), ...(fulltextRows?.rows ?? [])];
    }
    const stats = await statsLoaded;

    const byId = new Map<string, CandidateRow>();
    for (const row of rows) byId.set(row.id, row);
    const uniqueLexemes = [...new Set(lexemes)];
    const idfOf = new Map(stats ? uniqueLexemes.map((l) => [l, idf(l, stats)]) : []);
    const idfTotal = [...idfOf.values()].reduce((a, b) => a + b, 0);
    // Convex combination of the two raw scores over the union (Bruch et al. 2023, "An Analysis of
    // Fusion Functions for Hybrid Retrieval"): on StackFAQ it beats reciprocal rank fusion
    // (hit@1 0.803 vs 0.778) on both halves of the query set. BM25 is divided by its largest
    // possible value for this query, so the fused score means the same from query to query.
    const vectorShare = useVector ? cfg.vectorWeight : 0;
    const fulltextShare = useFulltext ? cfg.fulltextWeight : 0;
    const alpha = vectorShare / (vectorShare + fulltextShare || 1);
    const bm25Max = stats ? bm25UpperBound(lexemes, stats, bm25Params) : 1;
    const candidates = [...byId.values()].map((r): ScoredChunk => {
      const hits: TermHits[] = (r.terms ?? []).map(([lexeme, total, heading]) => ({
        lexeme,
        heading: Number(heading),
        body: Number(total) - Number(heading),
      }));
      const similarity = finiteOr0(r.similarity);
      const lexicalScore = stats && bm25Max > 0 ? bm25Score(hits, Number(r.len), stats, bm25Params) / bm25Max : 0;
      const informative = hits.reduce((sum, h) => sum + (idfOf.get(h.lexeme) ?? 0), 0);
      return {
        chunkId: r.id,
        articleId: r.article_id,
        title: r.title,
        url: r.url,
        headingPath: r.heading_path,
        text: r.text,
        pages: r.pages ?? [],
        lang: r.lang,
        contentHash: r.content_hash,
        similarity,
        lexical: lexicalScore,
        fused: alpha * Math.max(0, similarity) + (1 - alpha) * lexicalScore,
        coverage: uniqueLexemes.length ? hits.length / uniqueLexemes.length : 0,
        informativeCoverage: idfTotal > 0 ? informative / idfTotal : 0,
        matched: hits.map((h) => h.lexeme),
        headingMatched: hits.filter((h) => h.heading > 0).map((h) => h.lexeme),
      };
    });
    const df = new Map(uniqueLexemes.map((l) => [l, stats?.df.get(l) ?? 0]));
    return { candidates, lexemes: uniqueLexemes.length, idf: idfOf, df };
  }

  /** Best chunk per article, page boost applied, best first; confidence judged on the result. */
  function rank(evidence: QueryEvidence, opts: SearchOptions & { excludeArticleId?: string } = {}): RetrievalResult {
    const k = Math.max(1, Math.min(opts.k ?? HYBRID_SEARCH_DEFAULTS.k, 50));
    const best = new Map<string, RetrievedChunk & { similarity: number; coverage: number }>();
    const df = new Map(evidence.df);
    const perArticle = new Map<string, ArticleEvidence>();
    for (const c of evidence.candidates) {
      if (c.articleId === opts.excludeArticleId) {
        // Leave-one-out: the left-out article's words no longer count as known to the knowledge base.
        for (const l of c.matched) df.set(l, (df.get(l) ?? 0) - 1);
        continue;
      }
      const pageMatch = pageMatches(c.pages, opts.pageUrl);
      const sameLanguage = opts.language !== undefined && c.lang === opts.language;
      const score = c.fused * (pageMatch ? cfg.pageBoost : 1) * (sameLanguage ? cfg.languageBoost : 1);
      const art = perArticle.get(c.articleId);
      if (!art) {
        perArticle.set(c.articleId, {
          articleId: c.articleId,
          score: c.fused,
          similarity: c.similarity,
          lexical: c.lexical,
          coverage: c.coverage,
          informativeCoverage: c.informativeCoverage,
          matched: new Set(c.matched),
          headingMatched: new Set(c.headingMatched),
        });
      } else {
        art.similarity = Math.max(art.similarity, c.similarity);
        art.lexical = Math.max(art.lexical, c.lexical);
        for (const l of c.matched) art.matched.add(l);
        for (const l of c.headingMatched) art.headingMatched.add(l);
      }
      const prev = best.get(c.articleId);
      if (prev && prev.score >= score) continue;
      if (art && c.fused > art.score)
        Object.assign(art, { score: c.fused, coverage: c.coverage, informativeCoverage: c.informativeCoverage });
      best.set(c.articleId, {
        chunkId: c.chunkId,
        articleId: c.articleId,
        title: c.title,
        url: c.url,
        headingPath: c.headingPath,
        text: c.text,
        score,
        pageMatch,
        lang: c.lang,
        contentHash: c.contentHash,
        similarity: c.similarity,
        coverage: c.coverage,
      });
    }
    if (best.size === 0) return emptyResult(evidence.lexemes);
    const all = [...best.values()].sort((a, b) => b.score - a.score);
    const ranked = all.slice(0, k);
    const top = ranked[0]!;
    const others = all.slice(1).map((b) => b.similarity);
    const meanOthers = others.length ? others.reduce((s, x) => s + x, 0) / others.length : 0;
    const margin = top.similarity > 0 ? (top.similarity - meanOthers) / top.similarity : 0;
    const features = confidenceFeatures(
      all.map((a) => perArticle.get(a.articleId)!),
      { lexemes: evidence.lexemes, idf: evidence.idf, df },
    );
    const legacy = isConfident({ similarity: top.similarity, coverage: top.coverage, margin }, thresholds);
    const calibrated = options.calibration?.current() ?? null;
    const confidence = calibrated ? calibrated.confidence(features) : undefined;
    const signals: RetrievalSignals = {
      topSimilarity: top.similarity,
      topCoverage: top.coverage,
      candidates: evidence.candidates.length,
      margin,
      features,
      ...(calibrated && confidence !== undefined ? { confidence, threshold: calibrated.threshold } : {}),
    };
    return {
      results: ranked.map(({ similarity: _s, coverage: _c, ...chunk }) => chunk),
      confident: calibrated?.decides && confidence !== undefined ? confidence >= calibrated.threshold : legacy,
      ...(confidence !== undefined ? { confidence } : {}),
      signals,
    };
  }

  return {
    async search(query, opts = {}) {
      return rank(await gather(query, opts.language), opts);
    },
    evidence: (query) => gather(query),
    rank,
  };
}

/** Every candidate chunk of one query with its raw scores; `rank` turns it into results. */
export interface QueryEvidence {
  candidates: ScoredChunk[];
  /** Distinct content lexemes in the query. */
  lexemes: number;
  /** Per query lexeme: its idf, and how many chunks contain it. */
  idf: Map<string, number>;
  df: Map<string, number>;
}

export interface ScoredChunk {
  chunkId: string;
  articleId: string;
  title: string;
  url: string | null;
  headingPath: string;
  text: string;
  pages: string[];
  lang: string;
  /** The article's content version (articles.content_hash). */
  contentHash: string;
  similarity: number;
  /** BM25 over the most this query could score, 0-1. */
  lexical: number;
  fused: number;
  coverage: number;
  informativeCoverage: number;
  /** Query lexemes in the chunk, and those of them in its heading path. */
  matched: string[];
  headingMatched: string[];
}

/** What hybrid search asks when judging `confident`: the knowledge base's fitted calibration, if any. */
export interface CalibrationSource {
  /** `decides` false: report the probability, keep the fixed thresholds for `confident`. */
  current(): { confidence(features: ConfidenceFeatures): number; threshold: number; decides: boolean } | null;
}

/** The query's English content lexemes, stemmed and stopword-free, exactly as the `tsv` column has them. */
async function queryLexemes(db: Queryable, text: string): Promise<string[]> {
  const { rows } = await db.query<{ lexemes: string[] | null }>(
    "SELECT tsvector_to_array(to_tsvector('english', $1)) AS lexemes",
    [text],
  );
  return rows[0]?.lexemes ?? [];
}

type QueryStats = Awaited<ReturnType<typeof loadStats>>;

async function loadStats(termStats: TermStats, lexemes: string[]) {
  const [corpus, df] = await Promise.all([termStats.corpus(), termStats.documentFrequency(lexemes)]);
  return { ...corpus, df };
}

function emptyResult(lexemes = 0): RetrievalResult {
  return {
    results: [],
    confident: false,
    signals: { topSimilarity: 0, topCoverage: 0, candidates: 0, features: zeroFeatures(lexemes) },
  };
}

function finiteOr0(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
