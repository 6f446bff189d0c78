/**
 * Function words that carry no topic: the one English list retrieval, intent skip-pairs, loop
 * detection and the handoff brief share. Question scaffolding ("how do I", "can you") is included
 * because support questions are full of it and it would otherwise dominate short queries.
 */
const WORDS = `a about above after again against all also am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down during each few
for from further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is
isn it its itself just let me more most mustn my myself no nor not now of off on once only or other ought our ours
ourselves out over own please same shan she should shouldn so some such than that the their theirs them
themselves then there these they this those through to too under until up very was wasn we were weren what when
where which while who whom why will with won would wouldn you your yours yourself yourselves ll ve re s t d m
hi hello hey pls us thanks thank anyone someone somebody possible way want wants need needs like get gets got`;

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isStopword(word: string): boolean {
  return ENGLISH_STOPWORDS.has(word);
}
