import { quoteLexeme } from './term-stats.js';

/**
 * Which query words generate full-text candidates. Ranking every chunk that shares one common
 * word with the query is what makes full text slow on a large knowledge base (at 100k chunks
 * "how do I create…" matches most of them), and a common word carries almost no BM25 weight.
 * So, like Lucene's cutoff-frequency "common terms" query: the rarest words, up to `budget`
 * postings in total, find candidates (any of them); the common ones only score. When every
 * word is common, only chunks that contain all of them are candidates.
 */
export interface FulltextPlan {
  /** A tsquery over quoted lexemes, safe to pass as a parameter cast to `::tsquery`. */
  tsquery: string;
  match: 'any' | 'all';
  /** The lexemes in the tsquery, rarest first. */
  lexemes: string[];
}

export function planFulltext(
  lexemes: string[],
  documentFrequency: Map<string, number>,
  budget: number,
): FulltextPlan | null {
  const unique = [...new Set(lexemes)];
  if (unique.length === 0) return null;
  const byRarity = unique
    .map((lexeme) => ({ lexeme, df: documentFrequency.get(lexeme) ?? 0 }))
    .sort((a, b) => a.df - b.df || a.lexeme.localeCompare(b.lexeme));
  // A word in no chunk can find nothing.
  const present = byRarity.filter((x) => x.df > 0);
  if (present.length === 0) return null;
  const selective: string[] = [];
  let postings = 0;
  for (const { lexeme, df } of present) {
    if (postings + df > budget) break;
    postings += df;
    selective.push(lexeme);
  }
  if (selective.length > 0)
    return { tsquery: selective.map(quoteLexeme).join(' | '), match: 'any', lexemes: selective };
  const all = present.map((x) => x.lexeme);
  return { tsquery: all.map(quoteLexeme).join(' & '), match: 'all', lexemes: all };
}
