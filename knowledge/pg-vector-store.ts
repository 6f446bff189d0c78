import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import { toVectorLiteral, type Queryable } from '../base/db.js';
import { LOCAL_EMBEDDING_DIMENSION } from './local-embeddings.js';
import { EmbeddingDimensionError, InvalidArticleError } from './knowledge-errors.js';

/** Chunks per INSERT statement (6 parameters each, well under PostgreSQL's 65535). */
const INSERT_BATCH = 200;

/** Metadata every stored chunk document carries. */
export interface ChunkMetadata {
  articleId: string;
  ordinal: number;
  headingPath: string;
  /** Filled in on search results from the article row. */
  title?: string;
  url?: string | null;
  pages?: string[];
}

export interface PgVectorStoreFilter {
  articleIds?: string[];
}

export interface PgVectorStoreConfig {
  /** A Db, or a transaction handle so writes join the caller's transaction. */
  db: Queryable;
  dimension?: number;
}

/**
 * LangChain vector store over the `chunks` table (pgvector). The same SQL runs on PGlite and
 * PostgreSQL. Scores are cosine similarity, 1 - `<=>` distance: higher is more similar.
 */
export class PgVectorStore extends VectorStore {
  declare FilterType: PgVectorStoreFilter;
  private readonly db: Queryable;
  private readonly dimension: number;

  constructor(embeddings: EmbeddingsInterface, config: PgVectorStoreConfig) {
    super(embeddings, config);
    this.db = config.db;
    this.dimension = config.dimension ?? LOCAL_EMBEDDING_DIMENSION;
  }

  _vectorstoreType(): string {
    return 'firstline-pgvector';
  }

  /** Returns a store writing through `tx`, for use inside `db.transaction`. */
  withQueryable(tx: Queryable): PgVectorStore {
    return new PgVectorStore(this.embeddings, { db: tx, dimension: this.dimension });
  }

  /** Upserts chunks; ids come from `options.ids`, else `doc.id`, else `${articleId}:${ordinal}`. */
  async addVectors(
    vectors: number[][],
    documents: DocumentInterface[],
    options?: { ids?: string[] },
  ): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new InvalidArticleError(`addVectors got ${vectors.length} vectors for ${documents.length} documents`);
    }
    const ids: string[] = [];
    const rows: unknown[][] = [];
    for (let i = 0; i < documents.length; i++) {
      const doc = documents[i]!;
      const vector = vectors[i]!;
      if (vector.length !== this.dimension) throw new EmbeddingDimensionError(vector.length, this.dimension);
      const meta = doc.metadata as Partial<ChunkMetadata>;
      if (typeof meta.articleId !== 'string' || typeof meta.ordinal !== 'number') {
        throw new InvalidArticleError('chunk documents need metadata.articleId (string) and metadata.ordinal (number)');
      }
      const id = options?.ids?.[i] ?? doc.id ?? chunkId(meta.articleId, meta.ordinal);
      rows.push([id, meta.articleId, meta.ordinal, meta.headingPath ?? '', doc.pageContent, toVectorLiteral(vector)]);
      ids.push(id);
    }
    // Multi-row upserts: one round trip per batch instead of one per chunk.
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      const values = batch
        .map(
          (_, r) =>
            `($${r * 6 + 1}, $${r * 6 + 2}, $${r * 6 + 3}, $${r * 6 + 4}, $${r * 6 + 5}, $${r * 6 + 6}::vector)`,
        )
        .join(', ');
      await this.db.query(
        `INSERT INTO chunks (id, article_id, ordinal, heading_path, text, embedding)
         VALUES ${values}
         ON CONFLICT (id) DO UPDATE SET article_id = EXCLUDED.article_id, ordinal = EXCLUDED.ordinal,
           heading_path = EXCLUDED.heading_path, text = EXCLUDED.text, embedding = EXCLUDED.embedding`,
        batch.flat(),
      );
    }
    return ids;
  }

  async addDocuments(documents: DocumentInterface[], options?: { ids?: string[] }): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents, options);
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: PgVectorStoreFilter,
  ): Promise<[DocumentInterface<ChunkMetadata>, number][]> {
    if (query.length !== this.dimension) throw new EmbeddingDimensionError(query.length, this.dimension);
    const params: unknown[] = [toVectorLiteral(query), Math.max(1, Math.floor(k))];
    let where = '';
    if (filter?.articleIds) {
      params.push(filter.articleIds);
      where = 'WHERE c.article_id = ANY($3::text[])';
    }
    const { rows } = await this.db.query<ChunkRow & { similarity: number }>(
      `SELECT c.id, c.article_id, c.ordinal, c.heading_path, c.text, a.title, a.url, a.pages,
              1 - (c.embedding <=> $1::vector) AS similarity
         FROM chunks c JOIN articles a ON a.id = c.article_id
         ${where}
        ORDER BY c.embedding <=> $1::vector
        LIMIT $2`,
      params,
    );
    return rows.map((r) => [rowToDocument(r), Number(r.similarity)]);
  }

  /** Deletes by chunk `ids` or by `articleId`; with neither, nothing (never a silent wipe). */
  override async delete(params?: { ids?: string[]; articleId?: string }): Promise<void> {
    if (params?.ids?.length) await this.db.query('DELETE FROM chunks WHERE id = ANY($1::text[])', [params.ids]);
    if (params?.articleId) await this.db.query('DELETE FROM chunks WHERE article_id = $1', [params.articleId]);
  }
}

/** Stable chunk id: re-ingesting an article rewrites the same ids instead of adding new ones. */
export function chunkId(articleId: string, ordinal: number): string {
  return `${articleId}:${ordinal}`;
}

interface ChunkRow {
  id: string;
  article_id: string;
  ordinal: number;
  heading_path: string;
  text: string;
  title: string;
  url: string | null;
  pages: string[];
}

function rowToDocument(r: ChunkRow): Document<ChunkMetadata> {
  return new Document<ChunkMetadata>({
    id: r.id,
    pageContent: r.text,
    metadata: {
      articleId: r.article_id,
      ordinal: r.ordinal,
      headingPath: r.heading_path,
      title: r.title,
      url: r.url,
      pages: r.pages,
    },
  });
}
