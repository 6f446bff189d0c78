import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../console/api/client.js';
import { hrefFor, isAdminRoute, parseRoute } from '../../console/lib/router.js';

describe('intents in the console', () => {
  it('has an admin-only route', () => {
    expect(parseRoute('/console/intents')).toEqual({ name: 'intents' });
    expect(hrefFor({ name: 'intents' })).toBe('/console/intents');
    expect(isAdminRoute({ name: 'intents' })).toBe(true);
  });

  it('sends a JSONL import as is and reads the JSONL export as text', async () => {
    const jsonl = '{"name":"a"}\n{"name":"b"}\n';
    const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) =>
      String(url).endsWith('/export')
        ? new Response(jsonl, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } })
        : new Response(JSON.stringify({ imported: 2, total: 20, echo: init?.body }), {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
    );
    const api = createApiClient({ getToken: () => 'tok', fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await api.exportIntents()).toBe(jsonl);
    const one = '{"name":"only"}';
    const res = (await api.importIntents(one, true)) as unknown as { echo: string };
    expect(res.echo).toBe(one);
    const [url, init] = fetch.mock.calls[1]!;
    expect(String(url)).toBe('/api/intents/import?replace=1');
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/x-ndjson');
  });
});
