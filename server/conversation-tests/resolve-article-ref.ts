import type { ArticleSummary } from '../../knowledge/types.js';

export type ArticleIndex = ReadonlyArray<Pick<ArticleSummary, 'id' | 'title' | 'url'>>;

/**
 * An articleRef names an article by id, by title (case-insensitive) or by url: the whole url or its
 * last path segment ("refund-policy" for "/help/refund-policy"). Ids win, then titles, then urls.
 */
export function resolveArticleRef(articles: ArticleIndex, ref: string): ArticleIndex[number] | null {
  const wanted = ref.trim().toLowerCase();
  return (
    articles.find((a) => a.id.toLowerCase() === wanted) ??
    articles.find((a) => a.title.trim().toLowerCase() === wanted) ??
    articles.find((a) => a.url !== null && (a.url.toLowerCase() === wanted || slugOf(a.url) === wanted)) ??
    null
  );
}

function slugOf(url: string): string {
  const path = url.split(/[?#]/)[0]!.replace(/\/+$/, '');
  return (path.split('/').pop() ?? '').toLowerCase();
}
