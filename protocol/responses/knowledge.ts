import { z } from 'zod';
import { Citation, ErrorBody } from '../domain.js';
import { Iso } from './common.js';

export const ArticleFormat = z.enum(['markdown', 'html', 'text']);
export type ArticleFormat = z.infer<typeof ArticleFormat>;

/** A row of `GET /api/knowledge/articles`. */
export const ArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  pages: z.array(z.string()),
  tags: z.array(z.string()),
  /** ISO 639-1 language the article is written in. */
  lang: z.string(),
  updatedAt: Iso,
  chunks: z.number().int(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;
export const ArticleListResponse = z.object({ articles: z.array(ArticleSummary) });
export type ArticleListResponse = z.infer<typeof ArticleListResponse>;

/** One article with its stored (cleaned) body, for viewing and editing. */
export const Article = ArticleSummary.extend({
  body: z.string(),
  format: ArticleFormat,
  contentHash: z.string(),
  createdAt: Iso,
});
export type Article = z.infer<typeof Article>;

/** `POST /api/knowledge/articles` (201); `PUT` adds whether the content changed. */
export const ArticleSaved = z.object({ id: z.string(), chunks: z.number().int() });
export type ArticleSaved = z.infer<typeof ArticleSaved>;
export const ArticleUpdated = ArticleSaved.extend({ changed: z.boolean() });
export type ArticleUpdated = z.infer<typeof ArticleUpdated>;

export const SearchHit = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  text: z.string(),
  score: z.number().describe('higher is more relevant'),
  headingPath: z.string(),
  /** The article's `pages` patterns match the page asked about. */
  pageMatch: z.boolean(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** `POST /api/knowledge/search`. */
export const SearchResponse = z.object({
  results: z.array(SearchHit),
  confident: z.boolean(),
  confidence: z
    .number()
    .optional()
    .describe(
      "calibrated probability that the top article answers the query (this knowledge base's own calibration); " +
        'absent before the first calibration',
    ),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

/** `GET /api/knowledge/suggestions`: articles offered before the visitor types. */
export const ArticleSuggestion = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  reason: z.enum(['page', 'title']).describe('why it was suggested'),
});
export type ArticleSuggestion = z.infer<typeof ArticleSuggestion>;
export const SuggestionsResponse = z.object({ suggestions: z.array(ArticleSuggestion) });
export type SuggestionsResponse = z.infer<typeof SuggestionsResponse>;

/** `POST /api/knowledge/preview-answer`: the playground's retrieval plus the composed answer. */
export const PreviewAnswer = z.object({
  confident: z.boolean(),
  /** Mirrors the escalation policy's knowledge rule: no confident retrieval, no answer. */
  wouldAnswer: z.boolean(),
  answerer: z.string(),
  answer: z.object({ text: z.string(), citations: z.array(Citation), unanswerable: z.boolean() }).nullable(),
  results: z.array(SearchHit),
  signals: z
    .object({
      topSimilarity: z.number(),
      topCoverage: z.number(),
      candidates: z.number(),
      margin: z.number().optional(),
      confidence: z.number().optional(),
      threshold: z.number().optional(),
    })
    .nullable(),
});
export type PreviewAnswer = z.infer<typeof PreviewAnswer>;

/** Unanswered questions grouped by similar wording (`GET /api/knowledge/gaps`). */
export const GapGroup = z.object({
  /** The most frequent wording in the group. */
  question: z.string(),
  count: z.number().int(),
  /** Distinct wordings, most frequent first. */
  examples: z.array(z.string()),
  /** Pages the question was asked on, most frequent first. */
  pages: z.array(z.object({ url: z.string(), count: z.number().int() })),
  firstSeenAt: Iso,
  lastSeenAt: Iso,
});
export type GapGroup = z.infer<typeof GapGroup>;
export const GapsResponse = z.object({ groups: z.array(GapGroup), total: z.number().int() });
export type GapsResponse = z.infer<typeof GapsResponse>;

/** One file of `POST /api/knowledge/upload`: each succeeds or fails on its own. */
export const UploadFileResult = z.object({
  name: z.string(),
  status: z.enum(['added', 'updated', 'unchanged', 'failed']),
  id: z.string().optional(),
  title: z.string().optional(),
  chunks: z.number().int().optional(),
  error: ErrorBody.shape.error.optional(),
});
export type UploadFileResult = z.infer<typeof UploadFileResult>;
export const UploadResponse = z.object({ results: z.array(UploadFileResult) });
export type UploadResponse = z.infer<typeof UploadResponse>;

/** `POST /api/knowledge/reindex`. */
export const ReindexResponse = z.object({ articles: z.number().int(), chunks: z.number().int() });
export type ReindexResponse = z.infer<typeof ReindexResponse>;
