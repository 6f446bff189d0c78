import type { Queryable } from '../base/db.js';

/**
 * The query as the vector channel should embed it once typo correction has repaired some lexemes:
 * each word whose English stem is a corrected lexeme is replaced by the correction ("downlaod an
 * invoise" -> "download an invoic"), so both channels search for the same words. The stems come
 * from the database's own `to_tsvector`, which produced the lexemes, so words and lexemes match.
 * A correction is a stem, not a word; an embedder that hashes stems and character n-grams (the
 * local one) matches it as well as the full word.
 */
export async function correctedQueryText(db: Queryable, text: string, corrected: ReadonlyArray<readonly [string, string]>): Promise<string> {
  if (!corrected.length) return text;
  const fixes = new Map(corrected.map(([from, to]) => [from, to]));
  const words = [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (!words.length) return text;
  const { rows } = await db.query<{ word: string; lexemes: string[] | null }>(
    "SELECT w AS word, tsvector_to_array(to_tsvector('english', w)) AS lexemes FROM unnest($1::text[]) AS w",
    [words],
  );
  const replacement = new Map<string, string>();
  for (const r of rows) {
    const lexeme = r.lexemes?.length === 1 ? r.lexemes[0]! : null;
    const fix = lexeme === null ? undefined : fixes.get(lexeme);
    if (fix !== undefined) replacement.set(r.word, fix);
  }
  if (!replacement.size) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => replacement.get(w) ?? w);
}
