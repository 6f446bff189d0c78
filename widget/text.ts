import { signal } from '@preact/signals';
import { WIDGET_TEXT_EN, type WidgetText, type WidgetTextKey } from '../protocol/messages/en-widget.js';

/** The widget's texts in the visitor's language: English built in, the rest sent by the server. */
const current = signal<WidgetText>(WIDGET_TEXT_EN);
/** The server's texts have arrived (until then the launcher keeps the name the loader gave it). */
export const textFromServer = signal(false);

/** A text, `{name}` placeholders filled; read inside a component, it re-renders on a language change. */
export const t = (key: WidgetTextKey, vars: Record<string, string | number> = {}): string =>
  current.value[key].replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

/** Takes our server's texts for a language (rendered as text, never HTML); keys it lacks stay English. */
export function setText(text: unknown): void {
  if (text && typeof text === 'object') {
    current.value = { ...WIDGET_TEXT_EN, ...(text as WidgetText) };
    textFromServer.value = true;
  }
}
