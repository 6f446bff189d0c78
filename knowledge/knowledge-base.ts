import { randomUUID } from 'node:crypto';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { Document } from '@langchain/core/documents';
import type { Db, Queryable } from '../base/db.js';
import { chunkArticle, chunkEmbeddingText, type ChunkOptions } from './chunk-article.js';
import { contentHash } from './content-hash.js';
import { createHybridSearch, type HybridSearchOptions } from './hybrid-search.js';
import { ArticleNotFoundError, EmbeddingModelMismatchError } from './knowledge-errors.js';
import { LOCAL_EMBEDDING_DIMENSION } from './local-embeddings.js';
import { createTermStats } from './term-stats.js';
import { confidenceFor } from './retrieval-confidence.js';
import {
  createConfidenceCalibrator,
  type ConfidenceCalibrator,
  type ConfidenceCalibratorOptions,
} from './confidence-calibrator.js';
import { validateArticle } from './validate-article.js';
import { PgVectorStore, type ChunkMetadata } from './pg-vector-store.js';
import type { Article, ArticleFormat, ArticleInput, ArticleSummary, IngestResult, KnowledgeBase } from './types.js';

export interface KnowledgeBaseOptions {
  db: Db;
  embeddings: EmbeddingsInterface;
  /** Recorded in `embedding_index`; defaults to the embedder's `model`/`modelName` field. */
  model?: string;
  /** Vector size of the `chunks.embedding` column. */
  dimension?: number;
  chunking?: ChunkOptions;
  /**
   * Extra weight of the heading path (article title > sections) in each chunk's vector. Long
   * chunks otherwise drown the title, and questions usually paraphrase the title. 0 disables.
   */
  headingWeight?: number;
  search?: Omit<HybridSearchOptions, 'db' | 'embeddings'>;
  /** Per-knowledge-base confidence calibration (debounce, sample size, where failures are reported). */
  calibration?: Omit<ConfidenceCalibratorOptions, 'db' | 'search' | 'model'>;
}

export interface FirstlineKnowledgeBase extends KnowledgeBase {
  /**
   * Re-chunks and re-embeds every article in one transaction, then records the current model.
   * When the embedder's dimension differs from the `chunks.embedding` column, the column type is
   * changed and the HNSW index rebuilt in the same transaction. A failure leaves the old index.
   */
  reindex(opts?: { onProgress?: IndexProgress }): Promise<{ articles: number; chunks: number }>;
  /**
   * Makes the stored index fit the configured embedder: nothing when model and dimension match
   * (or there is nothing stored), else a full `reindex`. Called at server start.
   */
  ensureIndex(opts?: {
    onProgress?: IndexProgress;
  }): Promise<{ reembedded: boolean; articles: number; chunks: number }>;
  /** The model name written to `embedding_index`. */
  readonly model: string;
  readonly dimension: number;
  /**
   * The knowledge base's own confidence model: refitted in the background (debounced) after
   * every write, stored in `retrieval_calibration`; `confident` uses it once fitted.
   */
  readonly calibration: ConfidenceCalibrator;
}

/** Called after each article while (re)building the index. */
export type IndexProgress = (done: number, total: number) => void;

/** pgvector's HNSW index supports at most this many dimensions; larger vectors are scanned exactly. */
export const MAX_HNSW_DIMENSION = 2000;

export const DEFAULT_HEADING_WEIGHT = 0.7;

/**
 * The knowledge base: articles in, chunks with embeddings stored, hybrid search out.
 * Adding an article whose `source` already exists updates that article, so re-ingesting a
 * folder is idempotent. Unchanged content (same hash) does no work at all.
 */
export function createKnowledgeBase(options: KnowledgeBaseOptions): FirstlineKnowledgeBase {
  const { db, embeddings } = options;
  const dimension = options.dimension ?? LOCAL_EMBEDDING_DIMENSION;
  const model = options.model ?? embedderName(embeddings);
  const store = new PgVectorStore(embeddings, { db, dimension });
  const termStats = createTermStats(db);
  const calibrationSource = { current: () => calibration.current() };
  const hybrid = createHybridSearch({
    confidence: confidenceFor(model),
    oneStatement: db.kind === 'pglite',
    ...options.search,
    db,
    embeddings,
    termStats,
    calibration: calibrationSource,
  });
  const calibration = createConfidenceCalibrator({ ...options.calibration, db, search: hybrid, model });
  let indexChecked = false;

  /** Refuses to mix vectors of two embedders; an empty index may switch freely. */
  async function assertIndexCompatible(): Promise<void> {
    if (indexChecked) return;
    const { rows } = await db.query<{ model: string; dimension: number; has_chunks: boolean }>(
      'SELECT model, dimension, EXISTS (SELECT 1 FROM chunks) AS has_chunks FROM embedding_index WHERE id = 1',
    );
    const row = rows[0];
    if (row && row.has_chunks && (row.model !== model || Number(row.dimension) !== dimension)) {
      throw new EmbeddingModelMismatchError(`${row.model}/${row.dimension}`, `${model}/${dimension}`);
    }
    indexChecked = true;
  }

  async function recordIndex(q: Queryable): Promise<void> {
    await q.query(
      `INSERT INTO embedding_index (id, model, dimension) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension, updated_at = now()
       WHERE embedding_index.model <> EXCLUDED.model OR embedding_index.dimension <> EXCLUDED.dimension`,
      [model, dimension],
    );
  }

  /** Chunking and embedding happen before the transaction, so it stays short. */
  async function prepareChunks(articleId: string, input: ArticleInput) {
    const chunks = await chunkArticle(input, options.chunking);
    const headingWeight = options.headingWeight ?? DEFAULT_HEADING_WEIGHT;
    const headings = headingWeight > 0 ? [...new Set(chunks.map((c) => c.headingPath))] : [];
    // One batched call for chunk texts and the (few, repeated) heading paths.
    const all = await embeddings.embedDocuments([...chunks.map(chunkEmbeddingText), ...headings]);
    const headingVector = new Map(headings.map((h, i) => [h, all[chunks.length + i]!]));
    const vectors = chunks.map((c, i) => mixVectors(all[i]!, headingVector.get(c.headingPath), headingWeight));
    const docs = chunks.map(
      (c) =>
        new Document<ChunkMetadata>({
          pageContent: c.text,
          metadata: { articleId, ordinal: c.ordinal, headingPath: c.headingPath },
        }),
    );
    return { vectors, docs };
  }

  async function update(id: string, input: ArticleInput, hash: string): Promise<IngestResult> {
    const { rows } = await db.query<{ content_hash: string; chunks: number }>(
      'SELECT content_hash, (SELECT count(*) FROM chunks ' +
        'WHERE article_id = $1)::int AS chunks FROM articles WHERE id = $1',
      [id],
    );
    const existing = rows[0];
    if (!existing) throw new ArticleNotFoundError(id);
    if (existing.content_hash === hash) return { id, chunks: Number(existing.chunks), changed: false, created: false };

    await assertIndexCompatible();
    const { vectors, docs } = await prepareChunks(id, input);
    // One transaction: readers see the old chunks until the new ones are committed, never neither.
    await db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE articles SET title = $2, body = $3, format = $4, url = $5, pages = $6, tags = $7,
           content_hash = $8, source = coalesce($9, source), lang = $10, updated_at = now()
         WHERE id = $1 RETURNING id`,
        [
          id,
          input.title,
          input.body,
          input.format,
          input.url ?? null,
          input.pages ?? [],
          input.tags ?? [],
          hash,
          input.source ?? null,
          input.lang ?? 'en',
        ],
      );
      if (updated.rows.length === 0) throw new ArticleNotFoundError(id);
      await tx.query('DELETE FROM chunks WHERE article_id = $1', [id]);
      await store.withQueryable(tx).addVectors(vectors, docs);
      await recordIndex(tx);
    });
    termStats.invalidate();
    calibration.changed();
    return { id, chunks: docs.length, changed: true, created: false };
  }

  return {
    model,
    dimension,
    calibration,

    async addArticle(input) {
      const clean = validateArticle(input);
      const hash = contentHash(clean);
      if (clean.source) {
        const { rows } = await db.query<{ id: string }>(
          'SELECT id FROM articles WHERE source = $1 ORDER BY created_at LIMIT 1',
          [clean.source],
        );
        if (rows[0]) return update(rows[0].id, clean, hash);
      }
      await assertIndexCompatible();
      const id = randomUUID();
      const { vectors, docs } = await prepareChunks(id, clean);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO articles (id, title, body, format, url, pages, tags, content_hash, source, lang)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            id,
            clean.title,
            clean.body,
            clean.format,
            clean.url ?? null,
            clean.pages ?? [],
            clean.tags ?? [],
            hash,
            clean.source ?? null,
            clean.lang ?? 'en',
          ],
        );
        await store.withQueryable(tx).addVectors(vectors, docs);
        await recordIndex(tx);
      });
      termStats.invalidate();
      calibration.changed();
      return { id, chunks: docs.length, changed: true, created: true };
    },

    async updateArticle(id, input) {
      const clean = validateArticle(input);
      return update(id, clean, contentHash(clean));
    },

    async deleteArticle(id) {
      // Chunks go with the article (ON DELETE CASCADE).
      const { rows } = await db.query('DELETE FROM articles WHERE id = $1 RETURNING id', [id]);
      termStats.invalidate();
      if (rows.length > 0) calibration.changed();
      return rows.length > 0;
    },

    async getArticle(id) {
      const { rows } = await db.query<
        ArticleRow & { body: string; format: ArticleFormat; content_hash: string; created_at: unknown }
      >(
        `SELECT a.id, a.title, a.url, a.pages, a.tags, a.lang, a.updated_at, a.body, a.format, a.content_hash,
                  a.created_at,
                (SELECT count(*) FROM chunks c WHERE c.article_id = a.id)::int AS chunks
           FROM articles a WHERE a.id = $1`,
        [id],
      );
      const r = rows[0];
      if (!r) return null;
      return {
        ...toSummary(r),
        body: r.body,
        format: r.format,
        contentHash: r.content_hash,
        createdAt: toIso(r.created_at),
      } satisfies Article;
    },

    async listArticles() {
      const { rows } = await db.query<ArticleRow>(
        `SELECT a.id, a.title, a.url, a.pages, a.tags, a.lang, a.updated_at, count(c.id)::int AS chunks
           FROM articles a LEFT JOIN chunks c ON c.article_id = a.id
          GROUP BY a.id ORDER BY a.title, a.id`,
      );
      return rows.map(toSummary);
    },

    async search(query, opts) {
      await assertIndexCompatible();
      await calibration.load();
      return hybrid.search(query, opts);
    },

    reindex: (opts) => rebuild(opts?.onProgress),

    async ensureIndex(opts) {
      const state = await indexState();
      const stale = state.hasChunks && (state.model !== model || state.dimension !== dimension);
      if (!stale && state.columnDimension === dimension) {
        if (state.hasChunks && state.model === null) await recordIndex(db);
        return { reembedded: false, articles: 0, chunks: 0 };
      }
      return { reembedded: true, ...(await rebuild(opts?.onProgress)) };
    },
  };

  async function indexState() {
    const { rows } = await db.query<{
      model: string | null;
      dimension: number | null;
      has_chunks: boolean;
      column_dimension: number;
    }>(
      `SELECT (SELECT model FROM embedding_index WHERE id = 1) AS model,
              (SELECT dimension FROM embedding_index WHERE id = 1) AS dimension,
              EXISTS (SELECT 1 FROM chunks) AS has_chunks,
              (SELECT atttypmod FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'embedding')
                AS column_dimension`,
    );
    const r = rows[0]!;
    return {
      model: r.model,
      dimension: r.dimension === null ? null : Number(r.dimension),
      hasChunks: Boolean(r.has_chunks),
      columnDimension: Number(r.column_dimension),
    };
  }

  async function rebuild(onProgress?: IndexProgress): Promise<{ articles: number; chunks: number }> {
    const { rows } = await db.query<{ id: string; title: string; body: string; format: ArticleFormat }>(
      'SELECT id, title, body, format FROM articles ORDER BY id',
    );
    const { columnDimension } = await indexState();
    let chunks = 0;
    await db.transaction(async (tx) => {
      if (columnDimension !== dimension) {
        // Vectors of another size cannot be cast: empty the table, change the type, rebuild the index below.
        await tx.query('DROP INDEX IF EXISTS chunks_embedding_hnsw');
        await tx.query('DELETE FROM chunks');
        await tx.query(`ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(${Math.floor(dimension)})`);
      }
      const txStore = store.withQueryable(tx);
      for (let i = 0; i < rows.length; i++) {
        const a = rows[i]!;
        const { vectors, docs } = await prepareChunks(a.id, a);
        await tx.query('DELETE FROM chunks WHERE article_id = $1', [a.id]);
        await txStore.addVectors(vectors, docs);
        chunks += docs.length;
        onProgress?.(i + 1, rows.length);
      }
      if (columnDimension !== dimension && dimension <= MAX_HNSW_DIMENSION) {
        await tx.query('CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops)');
      }
      await recordIndex(tx);
    });
    indexChecked = false;
    termStats.invalidate();
    calibration.changed();
    return { articles: rows.length, chunks };
  }
}

interface ArticleRow {
  id: string;
  title: string;
  url: string | null;
  pages: string[] | null;
  tags: string[] | null;
  lang: string | null;
  updated_at: unknown;
  chunks: number;
}

function toSummary(r: ArticleRow): ArticleSummary {
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    pages: r.pages ?? [],
    tags: r.tags ?? [],
    lang: r.lang ?? 'en',
    updatedAt: toIso(r.updated_at),
    chunks: Number(r.chunks),
  };
}

function toIso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** normalise(chunk + weight * heading): cosine stays meaningful because the result is unit length. */
function mixVectors(chunk: number[], heading: number[] | undefined, weight: number): number[] {
  if (!heading || weight <= 0) return chunk;
  const mixed = chunk.map((x, i) => x + weight * heading[i]!);
  const norm = Math.sqrt(mixed.reduce((s, x) => s + x * x, 0));
  return norm > 0 ? mixed.map((x) => x / norm) : chunk;
}

function embedderName(e: EmbeddingsInterface): string {
  const named = e as { model?: unknown; modelName?: unknown };
  if (typeof named.model === 'string') return named.model;
  if (typeof named.modelName === 'string') return named.modelName;
  return e.constructor.name;
}
