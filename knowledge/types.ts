import type { ConfidenceFeatures } from './confidence-features.js';
import type { Article, ArticleSummary } from '../protocol/responses/knowledge.js';

/** Public surface of the knowledge library used by the server. */
export type ArticleFormat = 'markdown' | 'html' | 'text';

export interface ArticleInput {
  title: string;
  body: string;
  format: ArticleFormat;
  url?: string | null;
  pages?: string[];
  tags?: string[];
  /** Where it came from (file path, upload name); informational. */
  source?: string | null;
  /** ISO 639-1 language (`de`, `fr`...); detected from the text when absent. */
  lang?: string | null;
}

// What the API returns of an article (protocol/responses/knowledge.ts).
export type { Article, ArticleSummary };

export interface RetrievedChunk {
  chunkId: string;
  articleId: string;
  title: string;
  url: string | null;
  headingPath: string;
  text: string;
  /** Higher is more relevant. */
  score: number;
  /** True when the article's `pages` patterns match the visitor's page. */
  pageMatch: boolean;
  /** The article's language (ISO 639-1). */
  lang: string;
  /** The article's content version when the store knows it: what caches of the whole article are keyed by. */
  contentHash?: string;
}

export interface RetrievalResult {
  results: RetrievedChunk[];
  /** Calibrated: "the knowledge base has an answer to this". */
  confident: boolean;
  /**
   * Probability (0-1) that the top article answers the query, from the knowledge base's own
   * calibration; `confident` is `confidence >= threshold`. Absent before the first calibration.
   */
  confidence?: number;
  /** Set when retrieval did not run, with why (the pipeline decided without it). */
  skipped?: string;
  /** The raw evidence behind `confident`, for decision logs. */
  signals?: RetrievalSignals;
}

export interface RetrievalSignals {
  /** Cosine similarity (higher is closer) of the top result's best chunk to the query. */
  topSimilarity: number;
  /** Share of the query's content words found in that chunk, 0-1. */
  topCoverage: number;
  /** Chunks considered before per-article dedup. */
  candidates: number;
  /** How far the top article's similarity stands above the others', relative to it (0-1). */
  margin?: number;
  /** The calibrated model's inputs. */
  features?: ConfidenceFeatures;
  /** Calibrated probability and the threshold it was compared with (absent when uncalibrated). */
  confidence?: number;
  threshold?: number;
}

export interface SearchOptions {
  pageUrl?: string;
  k?: number;
  /** The visitor's language: articles in it rank higher (others stay in the results). */
  language?: string;
}

export interface IngestResult {
  id: string;
  chunks: number;
  /** False when the content hash was unchanged and no work was done. */
  changed: boolean;
  /** True when a new article was created (false: an existing one, same id or source, was updated). */
  created?: boolean;
}

export interface KnowledgeBase {
  addArticle(input: ArticleInput): Promise<IngestResult>;
  updateArticle(id: string, input: ArticleInput): Promise<IngestResult>;
  deleteArticle(id: string): Promise<boolean>;
  getArticle(id: string): Promise<Article | null>;
  listArticles(): Promise<ArticleSummary[]>;
  search(query: string, opts?: SearchOptions): Promise<RetrievalResult>;
}
