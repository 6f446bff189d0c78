// The console's only door to the HTTP API: bearer token on every call, one error shape, 401 -> sign-in.
import type {
  ConversationSuiteResult,
  CalibrationStatus,
  ConversationDetail,
  ConversationStatus,
  ConversationSummary,
  LoginResponse,
  Metrics,
  NewAgent,
  NewArticle,
  SearchResponse,
  Intent,
  IntentInput,
  ArticleDetail,
  PreviewAnswer,
} from './types.js';
import { ApiError } from './api-error.js';
import { uploadFiles } from './upload-files.js';
import type { ConversationSearchResponse, VisitorHistoryResponse } from '../../protocol/http.js';
import type { IdResponse } from '../../protocol/responses/common.js';
import type { ProfileResponse } from '../../protocol/responses/auth.js';
import type { AgentListResponse, DirectoryResponse } from '../../protocol/responses/agents.js';
import type { TeamListResponse } from '../../protocol/responses/teams.js';
import type {
  ArticleListResponse,
  ArticleSaved,
  ArticleUpdated,
  GapsResponse,
  ReindexResponse,
} from '../../protocol/responses/knowledge.js';
import type { Translation } from '../../protocol/responses/conversations.js';
import type { IntentImportResult, IntentListResponse } from '../../protocol/responses/intents.js';
import type { CannedResponseListResponse } from '../../protocol/responses/canned-responses.js';
import type {
  EscalationTaskListResponse,
  WebhookDeliveryListResponse,
} from '../../protocol/responses/notifications.js';
import type { WidgetAppearanceResponse } from '../../protocol/responses/widget.js';
import type { BugDraft, BugReportFiled, BugReportProposal } from '../../protocol/responses/bug-reports.js';
import type {
  EndpointDeliveryListResponse,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
  WebhookTestQueued,
} from '../../protocol/webhook-endpoints.js';
import type { WidgetLookSettings as WidgetAppearanceBody } from '../../protocol/widget-look.js';
import type {
  AgentPatch,
  DeliveryStatus,
  Note,
  Notification,
  TransferResult,
  Verdict,
  WebhookStats,
  WebhookEndpointCreated,
  WebhookEndpointInput,
  OfficeHours,
} from './types.js';

// Its own file so upload-files.ts can throw it without importing the client back.
export { ApiError } from './api-error.js';

/** A request body sent as is, not as JSON (JSONL imports). */
export interface RawBody {
  raw: string;
  contentType: string;
}
const isRaw = (b: unknown): b is RawBody =>
  typeof b === 'object' &&
  b !== null &&
  typeof (b as RawBody).raw === 'string' &&
  typeof (b as RawBody).contentType === 'string';

export interface ApiClientOptions {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called when a signed-in call gets 401: the token expired or was revoked. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** What the agent edits of a drafted bug report before filing it. */
export type BugReportFields = Pick<BugDraft, 'title' | 'steps' | 'expected' | 'actual'>;

/**
 * A suite runs every conversation through the pipeline (a language model makes that slow): wait longer than for other
 * calls.
 */
const CONVERSATION_SUITE_TIMEOUT_MS = 10 * 60_000;

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong.';
}

export function createApiClient({
  baseUrl = '',
  getToken,
  onUnauthorized,
  fetch: fetchImpl,
  timeoutMs = 15_000,
}: ApiClientOptions) {
  const doFetch = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    opts: { timeoutMs?: number } = {},
  ): Promise<T> {
    const token = getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = isRaw(body) ? body.contentType : 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? timeoutMs);
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : isRaw(body) ? body.raw : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (err) {
      const aborted = err instanceof Error && err.name === 'AbortError';
      throw new ApiError(
        0,
        aborted ? 'timeout' : 'network',
        aborted ? 'The server took too long to answer.' : "Can't reach the server. Check your connection.",
      );
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text().catch(() => '');
    let data: unknown = undefined;
    // JSON lines (intent export) come back as the text itself.
    const lines = res.ok && /ndjson|jsonl/i.test(res.headers?.get?.('content-type') ?? '');
    if (text && lines) {
      data = text;
    } else if (text) {
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

  /** A file the server builds (reports): fetched with the token, handed back as a Blob to save. */
  async function download(path: string): Promise<Blob> {
    const token = getToken();
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError(0, 'network', "Can't reach the server. Check your connection.");
    }
    if (!res.ok) {
      if (res.status === 401 && token) onUnauthorized?.();
      const e = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message || `Download failed (${res.status}).`);
    }
    return res.blob();
  }

  const enc = encodeURIComponent;
  const rangeQuery = (range: { from?: string; to?: string }, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams();
    if (range.from) q.set('from', range.from);
    if (range.to) q.set('to', range.to);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const qs = q.toString();
    return qs ? `?${qs}` : '';
  };
  return {
    // Issue #5, handoff that lands: notes, transfers, verdicts, teams, canned responses, notifications.
    bugReportDraft: (conversationId: string) =>
      request<BugReportProposal>('GET', `/api/bug-reports/draft?conversationId=${enc(conversationId)}`),
    fileBugReport: (conversationId: string, fields: BugReportFields) =>
      request<BugReportFiled>('POST', '/api/bug-reports', { conversationId, ...fields }),
    addNote: (id: string, text: string) => request<Note>('POST', `/api/conversations/${enc(id)}/notes`, { text }),
    transfer: (id: string, to: { toAgentId: string } | { toTeamId: string }, note: string) =>
      request<TransferResult>('POST', `/api/conversations/${enc(id)}/transfer`, { ...to, note }),
    setVerdict: (id: string, verdict: Verdict) =>
      request<unknown>('POST', `/api/conversations/${enc(id)}/verdict`, { verdict }),
    listTeams: () => request<TeamListResponse>('GET', '/api/teams'),
    createTeam: (t: { name: string; skills: string[] }) => request<IdResponse>('POST', '/api/teams', t),
    updateTeam: (id: string, t: { name: string; skills: string[] }) =>
      request<unknown>('PUT', `/api/teams/${enc(id)}`, t),
    setOfficeHours: (id: string, officeHours: OfficeHours | null) =>
      request<unknown>('PUT', `/api/teams/${enc(id)}/office-hours`, { officeHours }),
    deleteTeam: (id: string) => request<unknown>('DELETE', `/api/teams/${enc(id)}`),
    updateAgent: (id: string, patch: AgentPatch) => request<unknown>('PUT', `/api/agents/${enc(id)}`, patch),
    setPresence: (status: 'online' | 'away') => request<unknown>('PUT', '/api/agents/me/presence', { status }),
    listCanned: () => request<CannedResponseListResponse>('GET', '/api/canned-responses'),
    createCanned: (c: { title: string; text: string; shortcut?: string }) =>
      request<IdResponse>('POST', '/api/canned-responses', c),
    deleteCanned: (id: string | number) => request<unknown>('DELETE', `/api/canned-responses/${enc(String(id))}`),
    listNotifications: () => request<{ notifications: Notification[] }>('GET', '/api/notifications'),
    markNotificationsRead: (ids: number[]) => request<unknown>('POST', '/api/notifications/read', { ids }),
    listEscalationTasks: () => request<EscalationTaskListResponse>('GET', '/api/escalation-tasks'),
    listDeliveries: (status?: DeliveryStatus) =>
      request<WebhookDeliveryListResponse>('GET', `/api/webhooks/deliveries${status ? `?status=${enc(status)}` : ''}`),
    webhookStats: () => request<WebhookStats>('GET', '/api/webhooks/stats'),
    widgetAppearance: () => request<WidgetAppearanceResponse>('GET', '/api/settings/widget-appearance'),
    saveWidgetAppearance: (a: WidgetAppearanceBody) =>
      request<WidgetAppearanceResponse>('PUT', '/api/settings/widget-appearance', a),
    listWebhookEndpoints: () => request<WebhookEndpointListResponse>('GET', '/api/webhooks/endpoints'),
    createWebhookEndpoint: (e: WebhookEndpointInput) =>
      request<WebhookEndpointCreated>('POST', '/api/webhooks/endpoints', e),
    updateWebhookEndpoint: (id: string, patch: Partial<WebhookEndpointInput>) =>
      request<WebhookEndpointResponse>('PATCH', `/api/webhooks/endpoints/${enc(id)}`, patch),
    deleteWebhookEndpoint: (id: string) => request<unknown>('DELETE', `/api/webhooks/endpoints/${enc(id)}`),
    rotateWebhookSecret: (id: string) =>
      request<WebhookEndpointCreated>('POST', `/api/webhooks/endpoints/${enc(id)}/rotate-secret`),
    testWebhookEndpoint: (id: string) => request<WebhookTestQueued>('POST', `/api/webhooks/endpoints/${enc(id)}/test`),
    endpointDeliveries: (id: string) =>
      request<EndpointDeliveryListResponse>('GET', `/api/webhooks/endpoints/${enc(id)}/deliveries`),
    /** A visitor's attached file (image preview, PDF download), as a Blob of its checked type. */
    attachment: (conversationId: string, attachmentId: string) =>
      download(`/api/conversations/${enc(conversationId)}/attachments/${enc(attachmentId)}`),
    downloadReport: (format: 'md' | 'csv', range: { from?: string; to?: string } = {}) =>
      download(`/api/reports/escalations${rangeQuery(range, { format })}`),
    login: (email: string, password: string) => request<LoginResponse>('POST', '/api/auth/login', { email, password }),
    setDisplayName: (displayName: string) => request<ProfileResponse>('PUT', '/api/auth/profile', { displayName }),
    searchConversations: (q: string, offset = 0) =>
      request<ConversationSearchResponse>(
        'GET',
        `/api/conversations/search?q=${enc(q)}&limit=20${offset ? `&offset=${offset}` : ''}`,
      ),
    visitorHistory: (id: string) => request<VisitorHistoryResponse>('GET', `/api/conversations/${enc(id)}/history`),
    listConversations: (status: ConversationStatus) =>
      request<{ conversations: ConversationSummary[] }>('GET', `/api/conversations?status=${enc(status)}`),
    getConversation: (id: string) => request<ConversationDetail>('GET', `/api/conversations/${enc(id)}`),
    translateMessage: (conversationId: string, messageId: string) =>
      request<Translation>('POST', `/api/conversations/${enc(conversationId)}/messages/${enc(messageId)}/translation`),
    listArticles: () => request<ArticleListResponse>('GET', '/api/knowledge/articles'),
    createArticle: (a: NewArticle) => request<ArticleSaved>('POST', '/api/knowledge/articles', a),
    deleteArticle: (id: string) => request<unknown>('DELETE', `/api/knowledge/articles/${enc(id)}`),
    getArticle: (id: string) => request<ArticleDetail>('GET', `/api/knowledge/articles/${enc(id)}`),
    updateArticle: (id: string, a: NewArticle) =>
      request<ArticleUpdated>('PUT', `/api/knowledge/articles/${enc(id)}`, a),
    reindexKnowledge: () => request<ReindexResponse>('POST', '/api/knowledge/reindex'),
    previewAnswer: (query: string, pageUrl?: string) =>
      request<PreviewAnswer>('POST', '/api/knowledge/preview-answer', { query, pageUrl }),
    calibration: () => request<CalibrationStatus>('GET', '/api/knowledge/calibration'),
    setCalibrationTarget: (targetFalseConfident: number | null) =>
      request<CalibrationStatus>('PUT', '/api/knowledge/calibration', { targetFalseConfident }),
    recalibrate: () => request<CalibrationStatus>('POST', '/api/knowledge/calibration/run'),
    knowledgeGaps: () => request<GapsResponse>('GET', '/api/knowledge/gaps'),
    uploadArticles: (files: readonly File[], onProgress?: (sent: number, total: number) => void) =>
      uploadFiles({ baseUrl, token: getToken(), files, onProgress }),
    search: (query: string, pageUrl?: string, k?: number) =>
      request<SearchResponse>('POST', '/api/knowledge/search', { query, pageUrl, k }),
    listAgents: () => request<AgentListResponse>('GET', '/api/agents'),
    /** Every agent's name, level, skills and presence: who can take a transfer (any agent may ask). */
    agentDirectory: () => request<DirectoryResponse>('GET', '/api/agents/directory'),
    listIntents: () => request<IntentListResponse>('GET', '/api/intents'),
    createIntent: (i: IntentInput) => request<Intent>('POST', '/api/intents', i),
    updateIntent: (name: string, i: Omit<IntentInput, 'name'>) =>
      request<Intent>('PUT', `/api/intents/${enc(name)}`, i),
    deleteIntent: (name: string) => request<unknown>('DELETE', `/api/intents/${enc(name)}`),
    exportIntents: () => request<string>('GET', '/api/intents/export'),
    importIntents: (jsonl: string, replace = false) =>
      request<IntentImportResult>('POST', `/api/intents/import${replace ? '?replace=1' : ''}`, {
        raw: jsonl,
        contentType: 'application/x-ndjson',
      }),
    /** Runs a JSONL suite of test conversations against the live pipeline (admins; nothing is stored). */
    runConversationTests: (jsonl: string) =>
      request<ConversationSuiteResult>(
        'POST',
        '/api/conversation-tests/run',
        { jsonl },
        { timeoutMs: CONVERSATION_SUITE_TIMEOUT_MS },
      ),
    createAgent: (a: NewAgent) => request<IdResponse>('POST', '/api/agents', a),
    metrics: (range: { from?: string; to?: string } = {}) =>
      request<Metrics>('GET', `/api/metrics${rangeQuery(range)}`),
  };
}
