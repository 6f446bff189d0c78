import { z } from 'zod';

/** The languages Firstline writes to visitors in; the first is the default. */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const DEFAULT_LANGUAGE: Language = 'en';

/** The language's name in English, for agents (handoff brief, console). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish' };

/** "de-AT", "fr_CA", "ES" -> a supported language, or null. */
export function supportedLanguage(tag: unknown): Language | null {
  if (typeof tag !== 'string') return null;
  const base = tag.trim().slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : null;
}

/** The routing skill of agents who speak a language, e.g. `lang:de`. */
export const languageSkill = (lang: Language): string => `lang:${lang}`;
