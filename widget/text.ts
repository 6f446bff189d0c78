import { signal } from '@preact/signals';
import { WIDGET_TEXT_EN, type WidgetText, type WidgetTextKey } from '../protocol/messages/en-widget.js';

/** The widget's texts in the visitor's language: English built in, the rest sent by the server. */
const current = signal<WidgetText>(WIDGET_TEXT_EN);

/** A text, `{name}` placeholders filled; read inside a component, it re-renders on a language change. */
export function t(key: WidgetTextKey, vars?: Record<string, string | number>): string {
  const s = current.value[key];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** Takes the server's texts for a language; keys it lacks (or sends oddly) stay English. */
export function setText(text: unknown): void {
  if (!text || typeof text !== 'object') return;
  const next = { ...WIDGET_TEXT_EN };
  for (const k of Object.keys(next) as WidgetTextKey[]) {
    const v = (text as Record<string, unknown>)[k];
    if (typeof v === 'string' && v.length <= 500) next[k] = v;
  }
  current.value = next;
}
