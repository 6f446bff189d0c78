/** Public surface of the knowledge library. */
export type * from './types.js';
export { createKnowledgeBase, type KnowledgeBaseOptions, type FirstlineKnowledgeBase } from './knowledge-base.js';
export {
  LocalEmbeddings,
  LOCAL_EMBEDDING_DIMENSION,
  LOCAL_EMBEDDING_MODEL,
  type LocalEmbeddingsParams,
} from './local-embeddings.js';
export {
  PgVectorStore,
  chunkId,
  type ChunkMetadata,
  type PgVectorStoreConfig,
  type PgVectorStoreFilter,
} from './pg-vector-store.js';
export {
  createHybridSearch,
  HYBRID_SEARCH_DEFAULTS,
  type HybridSearch,
  type HybridSearchOptions,
  type SearchMode,
} from './hybrid-search.js';
export {
  isConfident,
  LOCAL_CONFIDENCE_THRESHOLDS,
  type ConfidenceThresholds,
  type ConfidenceEvidence,
} from './retrieval-confidence.js';
export { chunkArticle, chunkEmbeddingText, type ArticleChunk, type ChunkOptions } from './chunk-article.js';
export { parseFrontMatter, FrontMatterError, type FrontMatter, type ParsedMarkdown } from './front-matter.js';
export { loadFolder } from './load-folder.js';
export { htmlToText } from './html-to-text.js';
export { pageMatches } from './page-match.js';
export { contentHash } from './content-hash.js';
export { validateArticle } from './validate-article.js';
export { createTermStats, type TermStats } from './term-stats.js';
export { bm25Score, bm25UpperBound, BM25_DEFAULTS, type TermHits } from './bm25-score.js';
export { seedDemoKnowledge, DEMO_ARTICLES_DIR } from './demo-kb.js';
export {
  ArticleNotFoundError,
  InvalidArticleError,
  EmbeddingDimensionError,
  EmbeddingModelMismatchError,
} from './knowledge-errors.js';
