import type { KnowledgeBase } from '../../../knowledge/types.js';
import type { Stage } from '../stage.js';

/** Stage 4: what does the knowledge base say, for this question on this page? */
export function createRetrieveKnowledgeStage(deps: { kb: KnowledgeBase; k?: number }): Stage<'retrieval'> {
  return {
    name: 'retrieve-knowledge',
    async run(turn) {
      return { retrieval: await deps.kb.search(turn.text, { pageUrl: turn.page?.url, k: deps.k ?? 3 }) };
    },
  };
}
