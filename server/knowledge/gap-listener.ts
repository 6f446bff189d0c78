import { DomainEvents } from '../../protocol/events.js';
import type { KnowledgeGaps } from '../../knowledge/knowledge-gaps.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';

/** Decisions that are not knowledge questions, even though retrieval found nothing confident. */
const NOT_A_QUESTION = new Set(['explicit_request', 'small_talk']);

/** Records every visitor question retrieval had no confident answer for (see knowledge-gaps.ts). */
export function attachGapListener(deps: { bus: EventBus; gaps: KnowledgeGaps; log: Logger }): () => void {
  return deps.bus.on(DomainEvents.decisionRecorded, async (d) => {
    if (!d.retrieval || d.retrieval.confident || NOT_A_QUESTION.has(d.reasonCode)) return;
    await deps.gaps
      .record({
        conversationId: d.conversationId,
        messageId: d.messageId,
        question: d.question,
        pageUrl: d.page?.url ?? null,
        pageTitle: d.page?.title || null,
        topArticleId: d.retrieval.topArticleId,
        topSimilarity: d.retrieval.topSimilarity,
        reasonCode: d.reasonCode,
      })
      .catch((err) => deps.log.warn({ err, conversationId: d.conversationId }, 'recording a knowledge gap failed'));
  });
}
