import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../console/api/client.js';
import type { ConversationSuiteResult } from '../../console/api/types.js';
import { hrefFor, isAdminRoute, parseRoute } from '../../console/lib/router.js';
import { SAMPLE_CONVERSATION_SUITE } from '../../console/lib/sample-conversation-suite.js';
import { ConversationTestsModel } from '../../console/models/conversation-tests-model.js';
import { DEMO_ARTICLES_DIR } from '../../knowledge/demo-kb.js';
import { loadFolder } from '../../knowledge/load-folder.js';
import { parseConversationSuite } from '../../server/conversation-tests/parse-conversation-suite.js';
import { resolveArticleRef } from '../../server/conversation-tests/resolve-article-ref.js';

const result = (failed: number): ConversationSuiteResult => ({
  total: 2,
  passed: 2 - failed,
  failed,
  ms: 12,
  results: [
    {
      name: 'a',
      passed: true,
      problems: [],
      expect: { handoff: true },
      got: {
        outcome: 'handoff',
        reasonCode: 'explicit_request',
        intent: 'talk_to_human',
        article: null,
        text: '',
        turn: 1,
      },
      turns: [],
      ms: 5,
    },
    {
      name: 'b',
      passed: failed === 0,
      problems: failed ? ['expected a handoff, got answer'] : [],
      expect: { handoff: true },
      got: { outcome: 'answer', reasonCode: 'kb_answer', intent: 'how_to', article: null, text: 'x', turn: 1 },
      turns: [],
      ms: 5,
    },
  ],
});

function fakeApi(respond: (body: unknown) => Response) {
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => respond(JSON.parse(String(init!.body))));
  return { api: createApiClient({ getToken: () => 'tok', fetch: fetch as unknown as typeof globalThis.fetch }), fetch };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('conversation tests in the console', () => {
  it('has an admin-only route at /console/tests', () => {
    expect(parseRoute('/console/tests')).toEqual({ name: 'conversation-tests' });
    expect(hrefFor({ name: 'conversation-tests' })).toBe('/console/tests');
    expect(isAdminRoute({ name: 'conversation-tests' })).toBe(true);
  });

  it("offers a sample suite the server accepts, citing the demo's own articles", async () => {
    const cases = parseConversationSuite(SAMPLE_CONVERSATION_SUITE);
    expect(cases.length).toBeGreaterThanOrEqual(5);
    const demo = (await loadFolder(DEMO_ARTICLES_DIR)).map((a, i) => ({
      id: String(i),
      title: a.title,
      url: a.url ?? null,
    }));
    for (const c of cases)
      if ('answer' in c.expect) expect(resolveArticleRef(demo, c.expect.answer), c.name).not.toBeNull();
  });

  it('runs the pasted suite as JSONL and shows the failures first', async () => {
    const { api, fetch } = fakeApi(() => json(200, result(1)));
    const model = new ConversationTestsModel(api);
    await model.run();
    expect(fetch).not.toHaveBeenCalled(); // nothing to run yet
    model.loadSample();
    await model.run();
    expect(fetch.mock.calls[0]![0]).toBe('/api/conversation-tests/run');
    expect(JSON.parse(String(fetch.mock.calls[0]![1]!.body))).toEqual({ jsonl: SAMPLE_CONVERSATION_SUITE });
    expect(model.filter.value).toBe('failed');
    expect(model.shown.value.map((r) => r.name)).toEqual(['b']);
    model.setFilter('all');
    expect(model.shown.value).toHaveLength(2);
  });

  it("shows the server's line-numbered message when the suite is invalid", async () => {
    const { api } = fakeApi(() =>
      json(400, {
        error: { code: 'invalid_suite', message: 'The conversation suite has 1 problem: line 3: not valid JSON' },
      }),
    );
    const model = new ConversationTestsModel(api);
    model.setSuite('{"name":');
    await model.run();
    expect(model.error.value).toContain('line 3: not valid JSON');
    expect(model.result.value).toBeNull();
    expect(model.running.value).toBe(false);
  });
});
