import type { IntentClassifier, IntentDefinition, IntentPrediction } from '../../understanding/types.js';

/** The intents in force and the classifier trained on them; swapped whole when intents change. */
export interface IntentCatalog {
  classify(text: string): IntentPrediction;
  definition(name: string | null): IntentDefinition | null;
  list(): readonly IntentDefinition[];
}

export function createIntentCatalog(
  definitions: readonly IntentDefinition[],
  train: (examples: Array<{ text: string; label: string }>) => IntentClassifier,
): IntentCatalog {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const classifier = train(definitions.flatMap((d) => d.examples.map((text) => ({ text, label: d.name }))));
  return {
    classify: (text) => classifier.classify(text),
    definition: (name) => (name ? (byName.get(name) ?? null) : null),
    list: () => definitions,
  };
}
