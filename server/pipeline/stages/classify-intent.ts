import type { IntentCatalog } from '../../intents/intent-catalog.js';
import type { Stage } from '../stage.js';

/** Stage 1: what does the visitor want? Out of scope is `intent: null`, never a guess. */
export function createClassifyIntentStage(deps: { catalog: () => IntentCatalog }): Stage<'intent'> {
  return {
    name: 'classify-intent',
    run(turn) {
      const catalog = deps.catalog();
      const prediction = catalog.classify(turn.text);
      return { intent: { ...prediction, definition: catalog.definition(prediction.intent) } };
    },
  };
}
