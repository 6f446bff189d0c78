import { detectAll } from 'tinyld/light';
import { DEFAULT_LANGUAGE, supportedLanguage, type Language } from '../protocol/messages/languages.js';
import { functionWordLanguage } from '../text/function-words.js';

/**
 * Languages the detector chooses among: the four Firstline writes in, plus close neighbours, so an
 * Italian or Dutch message is not forced into Spanish or German (it then falls back like a short
 * text). tinyld's light profile: about 13 MB resident, where eld's n-gram tables took 150-200 MB.
 */
const DETECTABLE = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];

/** The detector's pick when it is clearly ahead of the runner-up; null when it is unsure. */
function reliableGuess(text: string): string | null {
  const [best, second] = detectAll(text, { only: DETECTABLE });
  if (!best || best.accuracy <= 0) return null;
  // A third ahead of the runner-up: on short support questions a right guess leads by 1.6x or more.
  return !second || best.accuracy >= 1.3 * second.accuracy ? best.lang : null;
}

/**
 * The detector's reliable pick, else (it is unsure, or it names a language Firstline does not write
 * in, as it does for some short French questions) the language whose function words lead.
 */
function guess(text: string): string | null {
  const detected = reliableGuess(text);
  if (detected && supportedLanguage(detected)) return detected;
  return functionWordLanguage(text) ?? detected;
}

/** Below this many letters a text ("ok", "danke", "merci") says too little about its language. */
const MIN_LETTERS = 12;

export interface LanguageGuess {
  language: Language;
  /** `text`: detected in this message; otherwise where the fallback came from. */
  source: 'text' | 'conversation' | 'browser' | 'default';
}

/**
 * The language of a visitor's message: detected when the text is long enough and the detector is sure,
 * else the conversation's language so far, else the browser's (`navigator.language`), else English.
 */
export function detectLanguage(
  text: string,
  fallback: { conversation?: string | null; browser?: string | null } = {},
): LanguageGuess {
  const detected = detectText(text);
  if (detected) return { language: detected, source: 'text' };
  const conversation = supportedLanguage(fallback.conversation);
  if (conversation) return { language: conversation, source: 'conversation' };
  const browser = supportedLanguage(fallback.browser);
  if (browser) return { language: browser, source: 'browser' };
  return { language: DEFAULT_LANGUAGE, source: 'default' };
}

/**
 * The conversation's language after a new visitor message: the message's own when it was detected
 * in it (visitors may switch), else the language so far, else the fallback (browser, English).
 */
export function nextConversationLanguage(
  text: string,
  known: { conversation?: string | null; browser?: string | null },
): Language {
  const current = supportedLanguage(known.conversation);
  const guess = detectLanguage(text, known);
  return guess.source === 'text' || !current ? guess.language : current;
}

/**
 * An article's language (ISO 639-1) when its front matter or body does not say: detected from its
 * title and text, English when the detector is unsure.
 */
export function detectArticleLanguage(text: string): string {
  // A line or two says too little: short articles stay English unless their front matter says otherwise.
  if ((text.match(/\p{L}/gu)?.length ?? 0) < 40) return DEFAULT_LANGUAGE;
  return guess(text.slice(0, 4000)) ?? DEFAULT_LANGUAGE;
}

/** "de", "de-AT", "FR" -> "de" / "fr"; null when it is not a two-letter language tag. */
export function languageTag(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})*$/i.exec(value.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A supported language when the text is long enough and the detector is reliable, else null. */
export function detectText(text: string): Language | null {
  const sample = text.slice(0, 1000);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return null;
  return supportedLanguage(guess(sample));
}
