/** Articles the server suggests for a page, shown before the visitor types. */
export interface Suggestion {
  articleId: string;
  title: string;
}

export interface SuggestionSource {
  /** At most 3 suggestions for the page; [] on any failure (never throws). Cached per URL. */
  load(page: { url: string; title: string }): Promise<Suggestion[]>;
}

export function createSuggestionSource(
  serverUrl: string,
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
  lang: string = typeof navigator === 'undefined' ? '' : navigator.language,
): SuggestionSource {
  const cache = new Map<string, Promise<Suggestion[]>>();
  return {
    load(page) {
      const key = page.url.split('#')[0]!;
      let hit = cache.get(key);
      if (!hit) {
        const q = new URLSearchParams({ pageUrl: key.slice(0, 2048), title: page.title.slice(0, 300), lang });
        hit = fetchImpl(`${serverUrl}/api/knowledge/suggestions?${q}`, { credentials: 'omit' })
          .then((r) => (r.ok ? r.json() : null))
          .then((body: unknown) => parseSuggestions(body))
          .catch(() => []);
        if (cache.size > 50) cache.clear();
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

/** Keeps only well-formed entries: the answer is data from the network, never trusted. */
export function parseSuggestions(body: unknown): Suggestion[] {
  const list = (body as { suggestions?: unknown } | null)?.suggestions;
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (s): s is Suggestion => typeof s?.articleId === 'string' && typeof s?.title === 'string' && s.title.trim() !== '',
    )
    .slice(0, 3)
    .map((s) => ({ articleId: s.articleId, title: s.title.trim().slice(0, 300) }));
}
