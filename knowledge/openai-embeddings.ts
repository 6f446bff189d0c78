import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import type OpenAI from 'openai';
import { AppError } from '../base/errors.js';

export interface OpenAiEmbeddingsOptions extends EmbeddingsParams {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (`OPENAI_BASE_URL`). */
  baseURL?: string;
  model: string;
  /** Ask the provider for vectors of this size (text-embedding-3-* support it). */
  dimensions?: number;
  /** Per request. */
  timeoutMs?: number;
  /** Retries per request on top of the first attempt (1-2: never LangChain's default of 6). */
  maxRetries?: number;
  /** Texts per request. */
  batchSize?: number;
}

export const OPENAI_EMBEDDINGS_DEFAULTS = { timeoutMs: 15_000, maxRetries: 2, batchSize: 96 };

export class EmbeddingProviderError extends AppError {
  override name = 'EmbeddingProviderError';
  constructor(message: string) {
    super(503, 'embedding_provider_failed', message);
  }
}

/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint with the official `openai`
 * client: batched, with a timeout and at most two retries (the client's own backoff), so a
 * slow provider fails fast instead of holding a visitor's turn.
 */
export class OpenAiEmbeddings extends Embeddings {
  readonly model: string;
  /** Created at the first request: the SDK is imported only by a server that embeds with it. */
  private client: Promise<OpenAI> | null = null;
  private readonly clientOptions: ConstructorParameters<typeof OpenAI>[0];
  private readonly dimensions: number | undefined;
  private readonly batchSize: number;

  constructor(opts: OpenAiEmbeddingsOptions) {
    // Retries live in the HTTP client; LangChain's caller must not multiply them.
    super({ ...opts, maxRetries: 0 });
    this.model = opts.model;
    this.dimensions = opts.dimensions;
    this.batchSize = Math.max(1, Math.min(opts.batchSize ?? OPENAI_EMBEDDINGS_DEFAULTS.batchSize, 2048));
    this.clientOptions = {
      apiKey: opts.apiKey,
      baseURL: opts.baseURL,
      timeout: opts.timeoutMs ?? OPENAI_EMBEDDINGS_DEFAULTS.timeoutMs,
      maxRetries: Math.max(0, Math.min(opts.maxRetries ?? OPENAI_EMBEDDINGS_DEFAULTS.maxRetries, 2)),
    };
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      out.push(...(await this.request(documents.slice(i, i + this.batchSize))));
    }
    return out;
  }

  async embedQuery(document: string): Promise<number[]> {
    return (await this.request([document]))[0]!;
  }

  private async request(texts: string[]): Promise<number[][]> {
    // The API rejects empty strings; a blank text gets a single space.
    const input = texts.map((t) => (t.trim() ? t : ' '));
    let res: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      const client = await (this.client ??= import('openai').then(
        ({ default: OpenAiClient }) => new OpenAiClient(this.clientOptions),
      ));
      res = await this.caller.call(() =>
        client.embeddings.create({
          model: this.model,
          input,
          encoding_format: 'float',
          ...(this.dimensions ? { dimensions: this.dimensions } : {}),
        }),
      );
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new EmbeddingProviderError(
        `The embedding model "${this.model}" failed (${detail.slice(0, 200)}); ` +
          `check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL.`,
      );
    }
    const data = [...res.data].sort((a, b) => a.index - b.index);
    if (data.length !== input.length) {
      throw new EmbeddingProviderError(
        `The embedding model "${this.model}" returned ${data.length} vectors for ${input.length} texts.`,
      );
    }
    return data.map((d) => d.embedding as number[]);
  }
}
