/**
 * English contractions spelled out, so negation and auxiliaries are words of their own
 * ("doesn't" -> "does not"): intent features see "not", and stop-word lists need no "doesn", "isn".
 */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan['’]?t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\bain['’]t\b/g, 'is not'],
  [/n['’]t\b/g, ' not'],
  [/['’]re\b/g, ' are'],
  [/['’]ve\b/g, ' have'],
  [/['’]ll\b/g, ' will'],
  [/['’]d\b/g, ' would'],
  [/['’]m\b/g, ' am'],
  [/['’]s\b/g, ''],
  // Apostrophe-less spellings are common in chat ("dont", "cant", "wont", "didnt").
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must)nt\b/g, '$1 not'],
  [/\bcant\b/g, 'can not'],
  [/\bwont\b/g, 'will not'],
  [/\bcannot\b/g, 'can not'],
];

/**
 * Lowercases, folds compatibility forms (NFKC: full-width letters, ligatures) and, in English text
 * (no language given, or `en`), expands contractions. Other languages keep their apostrophes
 * (French "l'adresse" is the stemmer's to read).
 */
export function normalizeText(text: string, language?: string | null): string {
  let t = text.toLowerCase().normalize('NFKC');
  if (language && language !== 'en') return t;
  for (const [re, rep] of CONTRACTIONS) t = t.replace(re, rep);
  return t;
}
