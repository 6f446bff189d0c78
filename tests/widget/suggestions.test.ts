import { describe, expect, it } from 'vitest';
import { createSuggestionSource, parseSuggestions } from '../../widget/suggestions.js';

describe('widget suggestions', () => {
  it('keeps only well-formed suggestions, at most three', () => {
    expect(parseSuggestions(null)).toEqual([]);
    expect(parseSuggestions({ suggestions: 'x' })).toEqual([]);
    const body = {
      suggestions: [
        { articleId: 'a', title: ' Refunds ' },
        { articleId: 1, title: 'bad' },
        { articleId: 'b', title: '' },
        { articleId: 'c', title: 'C' },
        { articleId: 'd', title: 'D' },
        { articleId: 'e', title: 'E' },
      ],
    };
    expect(parseSuggestions(body)).toEqual([
      { articleId: 'a', title: 'Refunds' },
      { articleId: 'c', title: 'C' },
      { articleId: 'd', title: 'D' },
    ]);
  });

  it('asks the server once per page and never throws', async () => {
    const urls: string[] = [];
    const ok = createSuggestionSource(
      'https://support.example.com',
      (async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify({ suggestions: [{ articleId: 'a', title: 'Change the billing email' }] }));
      }) as typeof fetch,
      'de-DE',
    );
    const page = { url: 'https://app.example.com/billing#top', title: 'Billing' };
    expect(await ok.load(page)).toEqual([{ articleId: 'a', title: 'Change the billing email' }]);
    await ok.load({ ...page, url: 'https://app.example.com/billing' });
    expect(urls).toHaveLength(1);
    expect(urls[0]).toBe(
      'https://support.example.com/api/knowledge/suggestions' +
        '?pageUrl=https%3A%2F%2Fapp.example.com%2Fbilling&title=Billing&lang=de-DE',
    );

    const down = createSuggestionSource('https://support.example.com', (async () => {
      throw new TypeError('network');
    }) as typeof fetch);
    expect(await down.load(page)).toEqual([]);
    const failing = createSuggestionSource(
      'https://support.example.com',
      (async () => new Response('nope', { status: 429 })) as typeof fetch,
    );
    expect(await failing.load(page)).toEqual([]);
  });
});
