/** The seam to a language model: one implementation per provider, picked in the composition root. */
/** A part of a user turn for models that read images (OpenAI's content-part shape). */
export type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  /** Parts (text and images) only in user turns, and only for a model configured to read images. */
  content: string | ChatContentPart[];
}

export interface CompletionOptions {
  /** Abort the call (the visitor left, or a deadline passed). */
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatModel {
  readonly name: string;
  complete(messages: ChatTurn[], opts?: CompletionOptions): Promise<string>;
  /** Yields text deltas as the model writes them. */
  stream(messages: ChatTurn[], opts?: CompletionOptions): AsyncIterable<string>;
  /** A JSON object matching `schema` (JSON Schema), for structured decisions. */
  json<T>(
    messages: ChatTurn[],
    schema: { name: string; schema: Record<string, unknown> },
    opts?: CompletionOptions,
  ): Promise<T>;
}

/**
 * Why a model call failed: the deadline passed, the endpoint was unreachable, it answered an HTTP error, or its output
 * was unusable.
 */
export type ModelFailureKind = 'timeout' | 'unreachable' | 'http' | 'output';

/** A model call failed in a way the visitor must not wait on: time-out, HTTP error, bad output. */
export class ModelError extends Error {
  override name = 'ModelError';
  readonly kind: ModelFailureKind;
  /** The endpoint's HTTP status, when `kind` is `http`. */
  readonly status?: number;
  constructor(message: string, opts: { kind?: ModelFailureKind; status?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = opts.kind ?? 'output';
    if (opts.status !== undefined) this.status = opts.status;
  }
}
