import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LoginResponse } from '../../protocol/responses/auth.js';
import { AgentListResponse } from '../../protocol/responses/agents.js';
import { ConversationDetail, ConversationListResponse } from '../../protocol/responses/conversations.js';
import { IntentListResponse } from '../../protocol/responses/intents.js';
import { Article, ArticleListResponse, ArticleSaved, SearchResponse } from '../../protocol/responses/knowledge.js';
import { Metrics } from '../../protocol/responses/metrics.js';
import { TeamListResponse } from '../../protocol/responses/teams.js';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, startConversation, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

/**
 * The answers on the wire match the protocol's response schemas, the ones the OpenAPI document and
 * the console's types come from. `satisfies` checks what handlers build; this checks what JSON
 * makes of it (dates as strings, absent fields), so a drift shows up as a failed parse naming the field.
 */
describe(`HTTP answers match protocol/responses (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let admin: string;
  let conversationId: string;
  const sockets: Socket[] = [];

  async function answer<S extends z.ZodType>(schema: S, res: Response, status = 200): Promise<z.infer<S>> {
    expect(res.status).toBe(status);
    const parsed = schema.safeParse(await res.json());
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    return parsed.data as z.infer<S>;
  }

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    call = apiClient(server);
    admin = (await answer(LoginResponse, await call('POST', '/api/auth/login', { json: TEST_ADMIN }))).token;
    const started = await startConversation(server, 'I want to talk to a human about my refund');
    sockets.push(started.visitor);
    conversationId = started.conversationId;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await tdb?.dispose();
  });

  it('agents, teams and intents', async () => {
    const { agents } = await answer(AgentListResponse, await call('GET', '/api/agents', { token: admin }));
    expect(agents.map((a) => a.email)).toContain(TEST_ADMIN.email);
    await answer(TeamListResponse, await call('GET', '/api/teams', { token: admin }));
    await answer(IntentListResponse, await call('GET', '/api/intents', { token: admin }));
  });

  it('conversations: the list and one conversation with its messages', async () => {
    const { conversations } = await answer(
      ConversationListResponse,
      await call('GET', '/api/conversations', { token: admin }),
    );
    expect(conversations.map((c) => c.id)).toContain(conversationId);
    const detail = await answer(
      ConversationDetail,
      await call('GET', `/api/conversations/${conversationId}`, { token: admin }),
    );
    expect(detail.messages.map((m) => m.text)).toContain('I want to talk to a human about my refund');
  });

  it('knowledge articles and search', async () => {
    const json = { title: 'Refund policy', body: 'Refunds are possible within 30 days of purchase.', format: 'text' };
    const { id } = await answer(
      ArticleSaved,
      await call('POST', '/api/knowledge/articles', { token: admin, json }),
      201,
    );
    const { articles } = await answer(
      ArticleListResponse,
      await call('GET', '/api/knowledge/articles', { token: admin }),
    );
    expect(articles.map((a) => a.id)).toContain(id);
    expect(
      (await answer(Article, await call('GET', `/api/knowledge/articles/${id}`, { token: admin }))).body,
    ).toContain('30 days');
    const search = await answer(
      SearchResponse,
      await call('POST', '/api/knowledge/search', { token: admin, json: { query: 'refund within days' } }),
    );
    expect(search.results[0]?.articleId).toBe(id);
  });

  it('metrics', async () => {
    const m = await answer(Metrics, await call('GET', '/api/metrics', { token: admin }));
    expect(m.conversations).toBeGreaterThanOrEqual(1);
  });
});
