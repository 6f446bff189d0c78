import type { KnowledgeBase } from '../../../knowledge/types.js';
import type { Stage } from '../stage.js';
import { DEFAULT_LANGUAGE } from '../../../protocol/messages/languages.js';
import type { Turn } from '../turn.js';

/**
 * Stage 4: what does the knowledge base say, for this question on this page? Skipped when the
 * decision cannot depend on it (an explicit request for a human, a security report…), so a
 * handoff reaches an agent without the retrieval round trips.
 */
export function createRetrieveKnowledgeStage(deps: {
  kb: KnowledgeBase;
  k?: number;
  notNeeded?: (turn: Readonly<Turn>) => string | null;
  /** What to search for (default: the message as written). */
  query?: (turn: Readonly<Turn>) => string;
}): Stage<'retrieval'> {
  return {
    name: 'retrieve-knowledge',
    async run(turn) {
      const skip = deps.notNeeded?.(turn) ?? null;
      if (skip) return { retrieval: { results: [], confident: false, skipped: skip } };
      return {
        retrieval: await deps.kb.search(deps.query?.(turn) ?? turn.text, {
          pageUrl: turn.page?.url,
          k: deps.k ?? 3,
          language: turn.language ?? DEFAULT_LANGUAGE,
        }),
      };
    },
  };
}
