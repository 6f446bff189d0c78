import type OpenAI from 'openai';
import {
  ModelError,
  type ChatModel,
  type ChatTurn,
  type CompletionOptions,
  type ModelFailureKind,
} from './chat-model.js';

export interface OpenAiChatModelOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  /** A live chat turn cannot wait through many retries: one, then hand off. */
  maxRetries?: number;
}

/** Any OpenAI-compatible chat endpoint through the official client. */
export function createOpenAiChatModel(opts: OpenAiChatModelOptions): ChatModel {
  // The SDK is loaded at the first call: a server without a model never holds it (see loadOpenAi).
  let sdk: typeof OpenAI | null = null;
  let created: Promise<OpenAI> | null = null;
  const connect = () =>
    (created ??= loadOpenAi().then((OpenAiClient) => {
      sdk = OpenAiClient;
      return new OpenAiClient({
        apiKey: opts.apiKey,
        baseURL: opts.baseURL,
        timeout: opts.timeoutMs,
        maxRetries: opts.maxRetries ?? 1,
      });
    }));
  const fail = (err: unknown): never => {
    throw new ModelError(`The language model call failed: ${err instanceof Error ? err.message : String(err)}`, {
      ...failureKind(sdk, err),
      cause: err,
    });
  };
  const base = (messages: ChatTurn[], o: CompletionOptions = {}) => ({
    model: opts.model,
    // Content parts appear only in user turns (see ChatTurn), which is what the API accepts.
    messages: messages as OpenAI.ChatCompletionMessageParam[],
    ...(o.maxTokens ? { max_tokens: o.maxTokens } : {}),
    temperature: o.temperature ?? 0.2,
  });
  return {
    name: opts.model,
    async complete(messages, o) {
      const client = await connect().catch(fail);
      const res = await client.chat.completions.create(base(messages, o), { signal: o?.signal }).catch(fail);
      const text = res.choices[0]?.message?.content;
      if (typeof text !== 'string') throw new ModelError('The language model returned no text.');
      return text;
    },
    async *stream(messages, o) {
      const client = await connect().catch(fail);
      const stream = await client.chat.completions
        .create({ ...base(messages, o), stream: true }, { signal: o?.signal })
        .catch(fail);
      try {
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (err) {
        fail(err);
      }
    },
    async json<T>(
      messages: ChatTurn[],
      schema: { name: string; schema: Record<string, unknown> },
      o?: CompletionOptions,
    ) {
      const client = await connect().catch(fail);
      const res = await client.chat.completions
        .create(
          {
            ...base(messages, { ...o, temperature: 0 }),
            response_format: {
              type: 'json_schema',
              json_schema: { name: schema.name, schema: schema.schema, strict: true },
            },
          },
          { signal: o?.signal },
        )
        .catch(fail);
      const text = res.choices[0]?.message?.content ?? '';
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ModelError(`The language model returned invalid JSON for ${schema.name}.`);
      }
    },
  };
}

/** How the client failed, so the operator's hint can name the setting to check. */
function failureKind(Sdk: typeof OpenAI | null, err: unknown): { kind: ModelFailureKind; status?: number } {
  // Not loaded: the SDK itself failed to load, nothing the endpoint did.
  if (!Sdk) return { kind: 'output' };
  if (err instanceof Sdk.APIConnectionTimeoutError || err instanceof Sdk.APIUserAbortError) return { kind: 'timeout' };
  if (err instanceof Sdk.APIConnectionError) return { kind: 'unreachable' };
  if (err instanceof Sdk.APIError && err.status !== undefined) return { kind: 'http', status: err.status };
  return { kind: 'output' };
}

/** The `openai` SDK, imported on demand (about 11 MB of RSS a server without a model need not hold). */
export async function loadOpenAi(): Promise<typeof OpenAI> {
  return (await import('openai')).default;
}
