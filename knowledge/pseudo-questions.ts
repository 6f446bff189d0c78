import { tokenize } from '../text/tokenize.js';

/** What pseudo-questions are made from: an article's title and its chunks as stored. */
export interface ArticleForQuestions {
  title: string;
  chunks: ReadonlyArray<{ headingPath: string; text: string }>;
}

export const PSEUDO_QUESTION_DEFAULTS = { perArticle: 8, sentences: 3 };

/**
 * Questions a visitor might ask that this article answers, made from the article alone: the
 * title (as is, with one word missing, with a typo), section headings, and short runs of content
 * words from its most informative sentences, the way people describe a problem in a few words.
 * Deterministic: the same article always gives the same questions. An LLM-generated set can be
 * appended by the caller.
 */
export function pseudoQuestions(article: ArticleForQuestions, opts: Partial<typeof PSEUDO_QUESTION_DEFAULTS> = {}): string[] {
  const { perArticle, sentences } = { ...PSEUDO_QUESTION_DEFAULTS, ...opts };
  const title = article.title.trim();
  const out: string[] = [];
  const add = (q: string) => {
    const clean = q.replace(/\s+/g, ' ').trim();
    if (tokenize(clean).length > 0 && !out.includes(clean)) out.push(clean);
  };
  const titleWords = contentWords(title);
  add(title);
  if (titleWords.length >= 3) add(titleWords.slice(1).join(' '));
  if (titleWords.length >= 2) add(withTypo(titleWords, title).join(' '));

  const headings = [...new Set(article.chunks.map((c) => c.headingPath.split(' > ').slice(1).pop() ?? ''))].filter(
    (h) => h && h.toLowerCase() !== title.toLowerCase() && contentWords(h).length >= 2,
  );
  for (const h of headings.slice(0, 2)) add(h);

  const ranked = article.chunks
    .flatMap((c) => splitSentences(c.text))
    .map((s) => ({ s, words: contentWords(s) }))
    .filter((x) => x.words.length >= 4 && x.words.length <= 40)
    .map((x, i) => ({ ...x, i, density: x.words.length / Math.max(1, x.s.split(/\s+/).length) }))
    .sort((a, b) => b.density - a.density || a.i - b.i);
  for (const { words, i } of ranked.slice(0, sentences)) {
    const run = Math.min(words.length, 4 + (i % 3));
    const start = (hashOf(words.join(' ')) % Math.max(1, words.length - run + 1)) | 0;
    add(words.slice(start, start + run).join(' '));
  }
  return out.slice(0, perArticle);
}

/** Surface forms of a text's content words (no stopwords, no markup). */
function contentWords(text: string): string[] {
  return tokenize(text.replace(/https?:\/\/\S+/g, ' ')).map((t) => t.word).filter((w) => w.length > 1);
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.replace(/^[#>*\-\d.\s]+/, '').trim()).filter(Boolean);
}

/** The longest word of the text with two inner letters swapped, the commonest kind of typo. */
function withTypo(words: string[], seed: string): string[] {
  let longest = 0;
  for (let i = 1; i < words.length; i++) if (words[i]!.length > words[longest]!.length) longest = i;
  const w = words[longest]!;
  if (w.length < 5) return words;
  const at = 1 + (hashOf(seed) % (w.length - 3));
  const typo = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  return words.map((x, i) => (i === longest ? typo : x));
}

function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
