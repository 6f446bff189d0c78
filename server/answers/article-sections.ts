import { htmlToText } from '../../knowledge/html-to-text.js';
import type { Article, RetrievedChunk } from '../../knowledge/types.js';
import { markdownSections, type MarkdownSection } from './markdown-blocks.js';

export type ArticleLoader = (id: string) => Promise<Pick<Article, 'id' | 'body' | 'format' | 'contentHash'> | null>;

const CACHE_MAX = 500;

/**
 * An article's sections for the answer composer, parsed once per content version (the cache is
 * keyed by content hash, so an edited article is parsed again). Without a loader, or when the
 * article is gone, the retrieved chunk alone stands for it, under its own heading.
 */
export function createArticleSections(load?: ArticleLoader) {
  const cache = new Map<string, MarkdownSection[]>();
  return async function sectionsFor(chunk: RetrievedChunk): Promise<MarkdownSection[]> {
    // Retrieval read the article's content version with the chunk: a version parsed before needs no read.
    const known = load && chunk.contentHash ? cache.get(`${chunk.articleId}:${chunk.contentHash}`) : undefined;
    if (known) return known;
    const article = load ? await load(chunk.articleId) : null;
    if (!article) return [{ heading: headingOf(chunk), blocks: markdownSections(chunk.text).flatMap((s) => s.blocks) }];
    const key = `${article.id}:${article.contentHash}`;
    let sections = cache.get(key);
    if (!sections) {
      sections = markdownSections(article.format === 'html' ? htmlToText(article.body) : article.body);
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(key, sections);
    }
    return sections;
  };
}

/** The last part of "Title > Section > Subsection", or null for the article's opening. */
export function headingOf(chunk: Pick<RetrievedChunk, 'headingPath' | 'title'>): string | null {
  const parts = chunk.headingPath.split(' > ');
  return parts.length > 1 ? parts[parts.length - 1]!.trim() : null;
}
