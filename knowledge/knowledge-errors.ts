import { AppError } from '../base/errors.js';

/** Knowledge errors are AppErrors so the HTTP layer renders them with the right status. */
export class ArticleNotFoundError extends AppError {
  override name = 'ArticleNotFoundError';
  constructor(readonly articleId: string) {
    super(
      404,
      'article_not_found',
      `Article ${articleId} was not found; list articles with GET /api/knowledge/articles.`,
    );
  }
}

export class InvalidArticleError extends AppError {
  override name = 'InvalidArticleError';
  constructor(message: string) {
    super(422, 'invalid_article', message);
  }
}

/** The embedder produced vectors that do not fit the `chunks.embedding` column. */
export class EmbeddingDimensionError extends AppError {
  override name = 'EmbeddingDimensionError';
  constructor(
    readonly got: number,
    readonly expected: number,
  ) {
    super(
      500,
      'embedding_dimension_mismatch',
      `The embedder returned ${got}-dimensional vectors but the index stores ${expected}; ` +
        `configure the embedding model for ${expected} dimensions (OpenAI: dimensions=${expected}).`,
    );
  }
}

/** Stored vectors were made by another embedder; mixing them would make search meaningless. */
export class EmbeddingModelMismatchError extends AppError {
  override name = 'EmbeddingModelMismatchError';
  constructor(
    readonly stored: string,
    readonly configured: string,
  ) {
    super(
      500,
      'embedding_model_mismatch',
      `The knowledge index was built with "${stored}" but the configured embedder is "${configured}"; ` +
        'call reindex() on the knowledge base (re-embeds every article) or switch back to the old model.',
    );
  }
}
