/**
 * Pure grammar: articles, pronouns, auxiliaries, the commonest prepositions, greetings. They never
 * say what a message is about nor what it asks, so intent skip-pairs pass over them too.
 */
const GRAMMAR = `a an the i me my we us our you your it its he she his her they them their this that these those
is am are was were be been do does did have has had to of in on at for from by with about into up out
and or but if as so just some there here please pls hi hello hey`;

/**
 * Topic-free, yet able to tell an intent: negation, question words, modals, time and quantity
 * ("not", "when", "can", "before", "more"), and question scaffolding ("how do I", "can you", "I want
 * to"), which support questions are full of and which would otherwise dominate short queries.
 */
const SCAFFOLDING = `above after again against all also any aren because before being below between both can cannot
could couldn didn doesn doing don down during each few further hadn hasn haven having hers herself him himself
how isn itself let more most mustn myself no nor not now off once only other ought ours ourselves over own same
shan should shouldn such than theirs themselves then through too under until very wasn weren what when where
which while who whom why will won would wouldn yours yourself yourselves ll ve re s t d m thanks thank anyone
someone somebody possible way want wants need needs like get gets got`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** The English stop words: the one list retrieval, loop detection and the handoff brief skip. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([...words(GRAMMAR), ...words(SCAFFOLDING)]);

/** The grammar part of the stop words: what intent skip-pairs ("card ... not ... arrived") pass over. */
export const ENGLISH_GRAMMAR_WORDS: ReadonlySet<string> = new Set(words(GRAMMAR));

export function isStopword(word: string): boolean {
  return ENGLISH_STOPWORDS.has(word);
}
