import { tokenize } from '../text/tokenize.js';

/** What pseudo-questions are made from: an article's title and its chunks as stored. */
export interface ArticleForQuestions {
  title: string;
  chunks: ReadonlyArray<{ headingPath: string; text: string }>;
}

export const PSEUDO_QUESTION_DEFAULTS = { perArticle: 9, headings: 2, sentences: 1 };

/**
 * Questions a visitor might ask that this article answers, made from the article alone. Visitors
 * paraphrase what an article is about, which its title and headings say: so the title as is, with
 * a word missing, with a typo, and reworded the way paraphrases are (its most specific word, or
 * two words, replaced by a word the knowledge base uses elsewhere; its most specific word dropped;
 * every other word), then the section headings. Runs of words from the body only fill in when the
 * title gives too little: they score unlike real questions (the leave-one-out ones are too easy to
 * tell apart), which skews the calibration (StackFAQ tune half).
 * `vocabulary` is the words to reword with (other articles' title words; none: no rewording).
 * Deterministic: the same article and vocabulary always give the same questions.
 */
export function pseudoQuestions(
  article: ArticleForQuestions,
  opts: Partial<typeof PSEUDO_QUESTION_DEFAULTS> & { vocabulary?: readonly string[] } = {},
): string[] {
  const { perArticle, headings: headingCount, sentences } = { ...PSEUDO_QUESTION_DEFAULTS, ...opts };
  const vocabulary = opts.vocabulary ?? [];
  const title = article.title.trim();
  const out: string[] = [];
  const add = (q: string) => {
    const clean = q.replace(/\s+/g, ' ').trim();
    if (tokenize(clean).length > 0 && !out.includes(clean)) out.push(clean);
  };
  const words = contentWords(title);
  add(title);
  if (words.length >= 3) add(words.slice(1).join(' '));
  if (words.length >= 2) add(withTypo(words, title).join(' '));
  if (words.length >= 2) for (const q of rewordings(words, hashOf(title), vocabulary)) add(q);

  const headings = [...new Set(article.chunks.map((c) => c.headingPath.split(' > ').slice(1).pop() ?? ''))].filter(
    (h) => h && h.toLowerCase() !== title.toLowerCase() && contentWords(h).length >= 2,
  );
  for (const h of headings.slice(0, headingCount)) add(h);

  if (out.length < 4) for (const q of keyPhrases(article, sentences)) add(q);
  return out.slice(0, perArticle);
}

/** Paraphrase-like variants of a title's content words (at least two). */
function rewordings(words: string[], seed: number, vocabulary: readonly string[]): string[] {
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest]!.length) longest = i;
  });
  const out: string[] = [];
  if (vocabulary.length) {
    const pick = (k: number) => vocabulary[(seed + k * 7919) % vocabulary.length]!;
    const other = (longest + 1 + (seed % (words.length - 1))) % words.length;
    out.push(words.map((w, i) => (i === longest ? pick(1) : w)).join(' '));
    out.push(words.map((w, i) => (i === longest ? pick(2) : i === other ? pick(3) : w)).join(' '));
  }
  out.push(words.filter((_, i) => i !== longest).join(' '));
  out.push(words.filter((_, i) => (i + seed) % 2 === 0).join(' '));
  return out;
}

/** Short runs of content words from the most word-dense sentences. */
function keyPhrases(article: ArticleForQuestions, count: number): string[] {
  const ranked = article.chunks
    .flatMap((c) => splitSentences(c.text))
    .map((s) => ({ s, words: contentWords(s) }))
    .filter((x) => x.words.length >= 4 && x.words.length <= 40)
    .map((x, i) => ({ ...x, i, density: x.words.length / Math.max(1, x.s.split(/\s+/).length) }))
    .sort((a, b) => b.density - a.density || a.i - b.i);
  return ranked.slice(0, count).map(({ words, i }) => {
    const run = Math.min(words.length, 4 + (i % 3));
    const start = (hashOf(words.join(' ')) % Math.max(1, words.length - run + 1)) | 0;
    return words.slice(start, start + run).join(' ');
  });
}

/** The words pseudo-questions reword titles with: every title's content words of 4+ letters, sorted. */
export function rewordingVocabulary(titles: readonly string[]): string[] {
  return [
    ...new Set(
      titles.flatMap((t) =>
        tokenize(t)
          .map((x) => x.word)
          .filter((w) => w.length > 3),
      ),
    ),
  ].sort();
}

/** Surface forms of a text's content words (no stopwords, no markup). */
function contentWords(text: string): string[] {
  return tokenize(text.replace(/https?:\/\/\S+/g, ' '))
    .map((t) => t.word)
    .filter((w) => w.length > 1);
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^[#>*\-\d.\s]+/, '').trim())
    .filter(Boolean);
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
