/**
 * The intents a B2B SaaS support desk starts with (default-intents.jsonl, one intent per line in
 * the format the console imports and exports). Each carries who handles it and what the
 * bot may do: `ai_answer` (answer from the knowledge base), `handoff` (a human must act; the AI
 * may still acknowledge), `handoff_now` (straight to a human). Examples are deliberately varied:
 * short and long, casual, with typos, because that is what visitors type.
 */
import { readFileSync } from 'node:fs';
import { trainIntentClassifier, type TrainedIntentClassifier } from './intent-classifier.js';
import { parseIntentJsonl } from './intent-jsonl.js';
import type { IntentDefinition } from './types.js';

// Data, not code: read with the same reader as an admin's import, so the file is checked the same way.
export const DEFAULT_INTENTS: readonly IntentDefinition[] = parseIntentJsonl(
  readFileSync(new URL('./default-intents.jsonl', import.meta.url), 'utf8'),
);

/** Looks an intent definition up by name (null intent or unknown name -> undefined). */
export function findIntent(
  name: string | null,
  intents: readonly IntentDefinition[] = DEFAULT_INTENTS,
): IntentDefinition | undefined {
  return name === null ? undefined : intents.find((i) => i.name === name);
}

/** Examples of intent definitions in the shape trainIntentClassifier takes. */
export function intentExamples(intents: readonly IntentDefinition[]): Array<{ text: string; label: string }> {
  return intents.flatMap((i) => i.examples.map((text) => ({ text, label: i.name })));
}

/**
 * Trains a classifier on the default intents (under a second). No cache: callers that need it
 * more than once keep the returned object (the composition root does). Same result as
 * trainIntentClassifier(intentExamples(intents)).
 */
export function defaultIntentClassifier(
  intents: readonly IntentDefinition[] = DEFAULT_INTENTS,
): TrainedIntentClassifier {
  return trainIntentClassifier(intentExamples(intents));
}
