import { DomainEvents } from '../../protocol/events.js';
import type { KnowledgeGaps } from '../../knowledge/knowledge-gaps.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';

/** Decisions that are not knowledge questions, even though retrieval found nothing confident. */
const NOT_A_QUESTION = new Set(['explicit_request', 'small_talk']);

/** Retrieval was confident, but the drafted answer found the knowledge base does not answer it. */
const NOT_IN_CONTEXT = 'answer_not_in_context';

/** Records every visitor question the knowledge base had no answer for (see knowledge-gaps.ts). */
export function attachGapListener(deps: { bus: EventBus; gaps: KnowledgeGaps; log: Logger }): () => void {
  return deps.bus.on(DomainEvents.decisionRecorded, async (d) => {
    if (!d.retrieval || NOT_A_QUESTION.has(d.reasonCode)) return;
    if (d.retrieval.confident && d.reasonCode !== NOT_IN_CONTEXT) return;
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
