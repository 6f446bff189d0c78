import { stemmer as stemGerman } from '@orama/stemmers/german';
import { stemmer as stemFrench } from '@orama/stemmers/french';
import { stemmer as stemSpanish } from '@orama/stemmers/spanish';
import { stopwords as germanStopwords } from '@orama/stopwords/german';
import { stopwords as frenchStopwords } from '@orama/stopwords/french';
import { stopwords as spanishStopwords } from '@orama/stopwords/spanish';
import { isStopword as isEnglishStopword } from './english-stopwords.js';
import { stemEnglish } from './stem-english.js';

/** The languages this toolkit stems and knows the stop words of; any other text is treated as English. */
export const STEMMED_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type StemmedLanguage = (typeof STEMMED_LANGUAGES)[number];

/** How one language turns a lowercased word into a matching key, and which words carry no topic. */
export interface LanguageStems {
  stem(word: string): string;
  isStopword(word: string): boolean;
}

/**
 * Question scaffolding the Snowball lists leave out ("bitte", "comment", "quiero"): support
 * questions are full of it, as English ones are of "how do I" (see english-stopwords.ts).
 */
const EXTRA_STOPWORDS: Record<Exclude<StemmedLanguage, 'en'>, string> = {
  de: 'bitte möchte möchten hallo danke gibt geht jemand mal gerne brauche wieso warum weshalb wann wer',
  fr: 'comment pourquoi quand où est-ce puis peux peut pouvez veux voudrais bonjour merci svp faire quoi',
  es: 'quiero hola gracias necesito favor hacer',
};

/** Topic words in the Spanish Snowball list: "cuenta" is the account a visitor asks about. */
const NOT_SPANISH_STOPWORDS = new Set('cuenta horas fin final valor trabajo nueva nuevo nuevas nuevos'.split(' '));

const setOf = (words: readonly string[], extra: string, drop: ReadonlySet<string> = new Set()) =>
  new Set([...words, ...extra.split(/\s+/)].filter((w) => w && !drop.has(w)));

const STOPWORDS = {
  de: setOf(germanStopwords, EXTRA_STOPWORDS.de),
  fr: setOf(frenchStopwords, EXTRA_STOPWORDS.fr),
  es: setOf(spanishStopwords, EXTRA_STOPWORDS.es, NOT_SPANISH_STOPWORDS),
};

const STEMS: Record<StemmedLanguage, LanguageStems> = {
  en: { stem: stemEnglish, isStopword: isEnglishStopword },
  de: { stem: stemGerman, isStopword: (w) => STOPWORDS.de.has(w) },
  fr: { stem: stemFrench, isStopword: (w) => STOPWORDS.fr.has(w) },
  es: { stem: stemSpanish, isStopword: (w) => STOPWORDS.es.has(w) },
};

/**
 * The stemmer and stop words of a language: Snowball for German, French and Spanish, Firstline's light English one
 * otherwise.
 */
export function stemsFor(language: string | null | undefined): LanguageStems {
  return (language && STEMS[language as StemmedLanguage]) || STEMS.en;
}

/** French elisions ("l'adresse", "d'anciennes", "qu'il", "n'arrive"): the word is what follows the apostrophe. */
const FRENCH_ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/u;

/** A word as its language's stemmer should see it (French elided articles and pronouns dropped). */
export function wordForStemming(word: string, language: string | null | undefined): string {
  return language === 'fr' ? word.replace(FRENCH_ELISION, '') : word;
}
