import OpenAI from 'openai';
import { ModelError, type ChatModel, type ChatTurn, type CompletionOptions, type ModelFailureKind } from './chat-model.js';

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
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: opts.maxRetries ?? 1 });
  const fail = (err: unknown): never => {
    throw new ModelError(`The language model call failed: ${err instanceof Error ? err.message : String(err)}`, { ...failureKind(err), cause: err });
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
      const res = await client.chat.completions.create(base(messages, o), { signal: o?.signal }).catch(fail);
      const text = res.choices[0]?.message?.content;
      if (typeof text !== 'string') throw new ModelError('The language model returned no text.');
      return text;
    },
    async *stream(messages, o) {
      const stream = await client.chat.completions.create({ ...base(messages, o), stream: true }, { signal: o?.signal }).catch(fail);
      try {
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) yield delta;
        }
      } catch (err) {
        fail(err);
      }
    },
    async json<T>(messages: ChatTurn[], schema: { name: string; schema: Record<string, unknown> }, o?: CompletionOptions) {
      const res = await client.chat.completions
        .create(
          { ...base(messages, { ...o, temperature: 0 }), response_format: { type: 'json_schema', json_schema: { name: schema.name, schema: schema.schema, strict: true } } },
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
function failureKind(err: unknown): { kind: ModelFailureKind; status?: number } {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) return { kind: 'timeout' };
  if (err instanceof OpenAI.APIConnectionError) return { kind: 'unreachable' };
  if (err instanceof OpenAI.APIError && err.status !== undefined) return { kind: 'http', status: err.status };
  return { kind: 'output' };
}
