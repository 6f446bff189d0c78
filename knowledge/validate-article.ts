import { cleanText } from '../protocol/clean-text.js';
import { htmlToText } from './html-to-text.js';
import { InvalidArticleError } from './knowledge-errors.js';
import { detectArticleLanguage, languageTag } from './detect-language.js';
import type { ArticleFormat, ArticleInput } from './types.js';

const FORMATS: readonly ArticleFormat[] = ['markdown', 'html', 'text'];

/**
 * Checks and normalises an article from an API body or a file; throws InvalidArticleError.
 * HTML is cleaned here (see html-to-text.ts) and stored as the resulting Markdown-ish text, so
 * no markup, script or page chrome is ever kept, shown or indexed.
 */
export function validateArticle(input: ArticleInput): ArticleInput {
  // Every path (API, upload, CLI import, folder load) ends here: strip what PostgreSQL text cannot hold.
  const title = typeof input.title === 'string' ? cleanText(input.title).trim() : '';
  if (!title) throw new InvalidArticleError('An article needs a non-empty title.');
  if (typeof input.body !== 'string') throw new InvalidArticleError('An article body must be a string.');
  if (!FORMATS.includes(input.format)) {
    throw new InvalidArticleError(
      `Unknown article format "${String(input.format)}"; use one of ${FORMATS.join(', ')}.`,
    );
  }
  if (input.url !== undefined && input.url !== null && typeof input.url !== 'string') {
    throw new InvalidArticleError('"url" must be a string.');
  }
  const list = (v: unknown, field: string) => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw new InvalidArticleError(`"${field}" must be a list of strings.`);
    return v.map((x: string) => cleanText(x).trim()).filter(Boolean);
  };
  let { format } = input;
  let body = cleanText(input.body);
  if (format === 'html') {
    body = htmlToText(body);
    format = 'markdown';
    if (!body && input.body.trim()) {
      throw new InvalidArticleError(
        'The HTML has no readable text once scripts, navigation, forms and markup are removed.',
      );
    }
  }
  if (input.lang !== undefined && input.lang !== null && input.lang !== '' && !languageTag(input.lang)) {
    throw new InvalidArticleError(
      `"lang" must be a two-letter language code such as "de" or "fr" (got "${String(input.lang).slice(0, 20)}").`,
    );
  }
  const lang = languageTag(input.lang) ?? detectArticleLanguage(`${title}\n${body}`);
  return {
    ...input,
    title,
    body,
    format,
    lang,
    pages: list(input.pages, 'pages'),
    tags: list(input.tags, 'tags'),
    url: input.url ? cleanText(input.url).trim() || null : null,
    ...(typeof input.source === 'string' ? { source: cleanText(input.source) } : {}),
  };
}
