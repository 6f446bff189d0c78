// The console's only door to the HTTP API: bearer token on every call, one error shape, 401 -> sign-in.
import type {
  Agent,
  Article,
  ConversationDetail,
  ConversationStatus,
  ConversationSummary,
  LoginResponse,
  Metrics,
  NewAgent,
  NewArticle,
  SearchResponse,
} from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called when a signed-in call gets 401: the token expired or was revoked. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

export function createApiClient({ baseUrl = '', getToken, onUnauthorized, fetch: fetchImpl, timeoutMs = 15_000 }: ApiClientOptions) {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (err) {
      const aborted = err instanceof Error && err.name === 'AbortError';
      throw new ApiError(0, aborted ? 'timeout' : 'network', aborted ? 'The server took too long to answer.' : "Can't reach the server. Check your connection.");
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text().catch(() => '');
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      const code = typeof e?.code === 'string' ? e.code : `http_${res.status}`;
      const message = typeof e?.message === 'string' && e.message ? e.message : `Request failed (${res.status}).`;
      if (res.status === 401 && token) onUnauthorized?.();
      throw new ApiError(res.status, code, message);
    }
    return data as T;
  }

  const enc = encodeURIComponent;
  return {
    login: (email: string, password: string) => request<LoginResponse>('POST', '/api/auth/login', { email, password }),
    listConversations: (status: ConversationStatus) =>
      request<{ conversations: ConversationSummary[] }>('GET', `/api/conversations?status=${enc(status)}`),
    getConversation: (id: string) => request<ConversationDetail>('GET', `/api/conversations/${enc(id)}`),
    listArticles: () => request<{ articles: Article[] }>('GET', '/api/knowledge/articles'),
    createArticle: (a: NewArticle) => request<{ id: string }>('POST', '/api/knowledge/articles', a),
    deleteArticle: (id: string) => request<unknown>('DELETE', `/api/knowledge/articles/${enc(id)}`),
    search: (query: string, pageUrl?: string, k?: number) =>
      request<SearchResponse>('POST', '/api/knowledge/search', { query, pageUrl, k }),
    listAgents: () => request<{ agents: Agent[] }>('GET', '/api/agents'),
    createAgent: (a: NewAgent) => request<{ id: string }>('POST', '/api/agents', a),
    metrics: (range: { from?: string; to?: string } = {}) => {
      const q = new URLSearchParams();
      if (range.from) q.set('from', range.from);
      if (range.to) q.set('to', range.to);
      const qs = q.toString();
      return request<Metrics>('GET', `/api/metrics${qs ? `?${qs}` : ''}`);
    },
  };
}
