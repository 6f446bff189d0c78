import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name: string } };
}

/** How the fake answers one chat request. */
export interface FakeReply {
  text?: string;
  /** Split the streamed text into these pieces (default: words). */
  chunks?: string[];
  /** Pause between streamed pieces (default 2 ms). */
  chunkDelayMs?: number;
  delayMs?: number;
  status?: number;
  /** Send a malformed body (not JSON / not SSE). */
  broken?: boolean;
}

/**
 * A local OpenAI-compatible HTTP server for tests: chat completions (plain, streamed, JSON) and
 * embeddings. Tests script its replies and read what it was asked.
 */
export class FakeOpenAiServer {
  readonly requests: ChatRequestBody[] = [];
  readonly embeddingRequests: Array<{ model: string; input: string | string[] }> = [];
  reply: (body: ChatRequestBody) => FakeReply = () => ({ text: 'ok' });
  embeddingDimension = 64;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          if (typeof body === 'string') res.end(body);
          else void body(res.write.bind(res)).then(() => res.end());
        },
        (err) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: String(err) } }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{
    status: number;
    headers: Record<string, string>;
    body: string | ((write: (s: string) => boolean) => Promise<void>);
  }> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
    const json = { 'content-type': 'application/json' };
    if (req.url?.endsWith('/embeddings')) {
      const body = JSON.parse(raw) as { model: string; input: string | string[] };
      this.embeddingRequests.push(body);
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      return {
        status: 200,
        headers: json,
        body: JSON.stringify({
          object: 'list',
          model: body.model,
          data: inputs.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: fakeEmbedding(text, this.embeddingDimension),
          })),
          usage: { prompt_tokens: 0, total_tokens: 0 },
        }),
      };
    }
    if (!req.url?.endsWith('/chat/completions'))
      return { status: 404, headers: json, body: '{"error":{"message":"not found"}}' };
    const body = JSON.parse(raw) as ChatRequestBody;
    this.requests.push(body);
    const r = this.reply(body);
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    if (r.status && r.status >= 400)
      return {
        status: r.status,
        headers: json,
        body: JSON.stringify({ error: { message: `fake error ${r.status}` } }),
      };
    if (r.broken)
      return {
        status: 200,
        headers: body.stream ? { 'content-type': 'text/event-stream' } : json,
        body: body.stream ? 'data: {not json\n\n' : '<html>oops',
      };
    const text = r.text ?? '';
    const base = {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
    };
    if (!body.stream) {
      return {
        status: 200,
        headers: json,
        body: JSON.stringify({
          ...base,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      };
    }
    const chunks = r.chunks ?? text.match(/\S+\s*/g) ?? [];
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      body: async (write) => {
        for (const piece of chunks) {
          write(
            'data: ' +
              JSON.stringify({
                ...base,
                object: 'chat.completion.chunk',
                choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
              }) +
              '\n\n',
          );
          await new Promise((resolve) => setTimeout(resolve, r.chunkDelayMs ?? 2));
        }
        write(
          'data: ' +
            JSON.stringify({
              ...base,
              object: 'chat.completion.chunk',
              choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
            }) +
            '\n\n',
        );
        write('data: [DONE]\n\n');
      },
    };
  }
}

/** Deterministic unit vectors from character trigrams, so similar texts get similar vectors. */
export function fakeEmbedding(text: string, dim: number): number[] {
  const v = new Array<number>(dim).fill(0);
  const t = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= t.length; i++) {
    let h = 2166136261;
    for (let j = i; j < i + 3; j++) h = Math.imul(h ^ t.charCodeAt(j), 16777619);
    v[Math.abs(h) % dim]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
