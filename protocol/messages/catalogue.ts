import { DE } from './de.js';
import { EN, type ServerTextKey } from './en.js';
import type { WidgetText } from './en-widget.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';

/**
 * The one message catalogue: every text the server or the widget writes to a visitor, in every
 * supported language. The widget has English built in (en-widget.ts) and receives the rest from
 * the server (`language` event), so its bundle carries one language.
 */
export const CATALOGUE = { en: EN, de: DE, fr: FR, es: ES } satisfies Record<Language, typeof EN>;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A server text in the visitor's language (English when none is known). */
export function say(
  lang: Language | null | undefined,
  key: ServerTextKey,
  vars?: Record<string, string | number>,
): string {
  return fill(CATALOGUE[lang ?? DEFAULT_LANGUAGE].server[key], vars);
}

/** What the widget needs in a language. */
export function widgetText(lang: Language): WidgetText {
  return CATALOGUE[lang].widget;
}
