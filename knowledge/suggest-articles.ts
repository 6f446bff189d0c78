import type { Queryable } from '../base/db.js';
import { pageMatches } from './page-match.js';
import { tokenize } from '../text/tokenize.js';
import type { KnowledgeBase } from './types.js';
import { languageTag } from './detect-language.js';
import { DEFAULT_LANGUAGE } from '../protocol/messages/languages.js';
import type { ArticleSuggestion } from '../protocol/responses/knowledge.js';

export type { ArticleSuggestion };

/**
 * Articles to offer before the visitor types: those whose `pages` patterns match the page
 * first (closest to the page title first when one is given), then the best hybrid-search
 * matches for the page title. At most `k`, never twice the same article.
 */
export async function suggestArticles(
  deps: { db: Queryable; kb: Pick<KnowledgeBase, 'search'> },
  opts: { pageUrl: string; pageTitle?: string; k?: number; language?: string },
): Promise<ArticleSuggestion[]> {
  // The visitor's language first, then English (the default); never a third language.
  const language = languageTag(opts.language) ?? DEFAULT_LANGUAGE;
  const rank = (lang: string) => (lang === language ? 0 : lang === DEFAULT_LANGUAGE ? 1 : -1);
  const k = Math.max(1, Math.min(opts.k ?? 3, 10));
  const titleStems = new Set(tokenize(opts.pageTitle ?? '').map((t) => t.stem));
  const { rows } = await deps.db.query<{
    id: string;
    title: string;
    url: string | null;
    pages: string[];
    lang: string;
  }>('SELECT id, title, url, pages, lang FROM articles WHERE cardinality(pages) > 0 ORDER BY title, id LIMIT 5000');
  const overlap = (title: string) => tokenize(title).filter((t) => titleStems.has(t.stem)).length;
  const onPage = rows
    .filter((r) => pageMatches(r.pages, opts.pageUrl) && rank(r.lang) >= 0)
    .map((r) => ({ r, score: overlap(r.title) }))
    // Stable: equal language and overlap keep title order.
    .sort((a, b) => rank(a.r.lang) - rank(b.r.lang) || b.score - a.score);
  const out: ArticleSuggestion[] = onPage
    .slice(0, k)
    .map(({ r }) => ({ articleId: r.id, title: r.title, url: r.url, reason: 'page' }));
  if (out.length < k && titleStems.size > 0) {
    const { results } = await deps.kb.search(opts.pageTitle!, { pageUrl: opts.pageUrl, k: k + out.length, language });
    for (const hit of results) {
      if (out.length >= k) break;
      if (rank(hit.lang) < 0) continue;
      if (out.some((s) => s.articleId === hit.articleId)) continue;
      out.push({ articleId: hit.articleId, title: hit.title, url: hit.url, reason: 'title' });
    }
  }
  return out;
}

/** `suggestArticles` bound to one database and knowledge base: what the public route is given. */
export function createArticleSuggestions(deps: { db: Queryable; kb: Pick<KnowledgeBase, 'search'> }) {
  return {
    suggest: (opts: { pageUrl: string; pageTitle?: string; k?: number; language?: string }) =>
      suggestArticles(deps, opts),
  };
}

export type ArticleSuggestions = ReturnType<typeof createArticleSuggestions>;
