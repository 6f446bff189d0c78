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

/** All the rules in one pass; `expand` then finds the rule that matched (the first, as the regex does). */
const ANY_CONTRACTION = new RegExp(CONTRACTIONS.map(([re]) => `(?:${re.source})`).join('|'), 'g');
const WHOLE = CONTRACTIONS.map(([re, rep]): [RegExp, string] => [new RegExp(`^(?:${re.source})$`), rep]);
const expand = (match: string) => {
  const rule = WHOLE.find(([re]) => re.test(match));
  return rule ? match.replace(rule[0], rule[1]) : match;
};

/**
 * Lowercases, folds compatibility forms (NFKC: full-width letters, ligatures) and, in English text
 * (no language given, or `en`), expands contractions. Other languages keep their apostrophes
 * (French "l'adresse" is the stemmer's to read). Every indexed chunk goes through here, so it is one
 * pass of one regex, and plain ASCII skips NFKC.
 */
export function normalizeText(text: string, language?: string | null): string {
  const lower = text.toLowerCase();
  const t = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFKC') : lower;
  return language && language !== 'en' ? t : t.replace(ANY_CONTRACTION, expand);
}
