import type { IntentCatalog } from '../../intents/intent-catalog.js';
import type { IntentChecker } from '../../llm/llm-intent-check.js';
import type { Stage } from '../stage.js';
import { withFollowUpContext } from '../../answers/follow-up.js';

/**
 * Stage 1: what does the visitor want? Out of scope is `intent: null`, never a guess. With a
 * checker (a language model is configured), unsure local predictions get a second opinion; what
 * the checker said, or why it failed, stays in the output for the decision trace.
 */
export function createClassifyIntentStage(deps: {
  catalog: () => IntentCatalog;
  checker?: IntentChecker;
}): Stage<'intent'> {
  return {
    name: 'classify-intent',
    async run(turn) {
      const catalog = deps.catalog();
      // A short follow-up ("and what about my login email?") is read with the question it follows.
      const local = catalog.classify(withFollowUpContext(turn.text, turn));
      const checked = deps.checker ? await deps.checker.check(turn.text, local, catalog.list()) : null;
      const prediction = checked?.prediction ?? local;
      return {
        intent: {
          ...prediction,
          definition: catalog.definition(prediction.intent),
          ...(checked ? { check: checked.check } : {}),
        },
      };
    },
  };
}
