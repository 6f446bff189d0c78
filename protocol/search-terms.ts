/**
 * How a conversation search query is split into words and how a word of text is judged to match
 * one, shared by the server (cutting the snippet) and the console (highlighting it), so both mark
 * the same words. Full text search stems ("refunds" finds "refund", "charged" finds "charge"), so
 * a word matches when it starts with the term minus a short ending.
 */

/** Lower-cased words of the query (letters and digits; "@" and "." kept for emails), at most 8. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}@._+-]*/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/[._+-]+$/, '')))].filter((w) => w.length > 0).slice(0, 8);
}

function stem(term: string): string {
  if (term.includes('@') || term.length <= 4) return term;
  return term.slice(0, Math.max(4, term.length - 2));
}

/** Does this word of text match the term? */
export function wordMatches(word: string, term: string): boolean {
  return word.toLowerCase().startsWith(stem(term));
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** The text split into matching and non-matching runs (for <mark>, rendered as text, never HTML). */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  if (terms.length === 0) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}@._+-]*/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const word = m[0].replace(/[._+-]+$/, '');
    if (!terms.some((t) => wordMatches(word, t))) continue;
    const start = m.index!;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: word, match: true });
    last = start + word.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** A window of about `width` characters around the first matching word, with "…" where cut. */
export function snippetAround(text: string, terms: readonly string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const re = /[\p{L}\p{N}][\p{L}\p{N}@._+-]*/gu;
  let at = 0;
  for (const m of flat.matchAll(re)) {
    if (terms.some((t) => wordMatches(m[0], t))) {
      at = m.index!;
      break;
    }
  }
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
