import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../console/api/client.js';

function fakeFetch(status: number, body: unknown) {
  return vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

describe('api client', () => {
  it('sends the bearer token and JSON body', async () => {
    const fetch = fakeFetch(200, { results: [], confident: false });
    const api = createApiClient({ getToken: () => 'tok', fetch });
    await api.search('refund', '/billing', 3);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/knowledge/search');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(init!.body as string)).toEqual({ query: 'refund', pageUrl: '/billing', k: 3 });
  });

  it('drafts and files a bug report for a conversation', async () => {
    const fetch = fakeFetch(201, {
      merged: false,
      report: { id: 'b1', title: 'Slack fails', reportCount: 1, externalUrl: null },
    });
    const api = createApiClient({ getToken: () => 'tok', fetch });
    await api.bugReportDraft('conv 1');
    expect(fetch.mock.calls[0]![0]).toBe('/api/bug-reports/draft?conversationId=conv%201');
    await api.fileBugReport('conv 1', {
      title: 'Slack fails',
      steps: '1. Connect',
      expected: 'connects',
      actual: 'error',
    });
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('/api/bug-reports');
    expect(init!.method).toBe('POST');
    expect(JSON.parse(init!.body as string)).toEqual({
      conversationId: 'conv 1',
      title: 'Slack fails',
      steps: '1. Connect',
      expected: 'connects',
      actual: 'error',
    });
  });

  it('surfaces the server message and code', async () => {
    const api = createApiClient({
      getToken: () => 'tok',
      fetch: fakeFetch(422, { error: { code: 'invalid', message: 'title is required' } }),
    });
    await expect(api.createArticle({ title: '', body: 'x', format: 'markdown' })).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
      message: 'title is required',
    });
  });

  it('401 with a token signs out; 401 on login does not', async () => {
    const onUnauthorized = vi.fn();
    const body = { error: { code: 'unauthorized', message: 'Wrong email or password' } };
    const signedOut = createApiClient({ getToken: () => null, onUnauthorized, fetch: fakeFetch(401, body) });
    await expect(signedOut.login('a@b.c', 'x')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();
    const signedIn = createApiClient({ getToken: () => 'old', onUnauthorized, fetch: fakeFetch(401, body) });
    await expect(signedIn.listAgents()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('a non-JSON error still has a readable message', async () => {
    const fetch = vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 }));
    const api = createApiClient({ getToken: () => 't', fetch });
    await expect(api.metrics()).rejects.toMatchObject({ status: 502, message: 'Request failed (502).' });
  });

  it('a network failure says so', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const api = createApiClient({ getToken: () => 't', fetch });
    await expect(api.listArticles()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('encodes ids and query strings', async () => {
    const fetch = fakeFetch(200, {});
    const api = createApiClient({ getToken: () => 't', fetch });
    await api.getConversation('a/b');
    await api.metrics({ from: '2025-01-01T00:00:00Z' });
    expect(fetch.mock.calls[0]![0]).toBe('/api/conversations/a%2Fb');
    expect(fetch.mock.calls[1]![0]).toBe('/api/metrics?from=2025-01-01T00%3A00%3A00Z');
  });
});
