import { DomainEvents } from '../../protocol/events.js';
import type { KnowledgeGaps } from '../../knowledge/knowledge-gaps.js';
import { listenerFor, type Listener } from '../events/event-bus.js';
import type { Logger } from '../logger.js';

/**
 * A knowledge gap is a question the knowledge base could not answer: retrieval ran and found
 * nothing confident, or it looked confident but the answerer found nothing to say. Policy
 * handoffs (an explicit request, a cancellation, a bug report, anger, security…) are not gaps:
 * they go to a person whatever the articles say, and retrieval is skipped for most of them.
 */
export function gapReason(d: { reasonCode: string; retrieval: { confident: boolean } | null }): string | null {
  if (!d.retrieval) return null;
  if (d.reasonCode === 'no_confident_answer' && !d.retrieval.confident) return 'no_confident_answer';
  // The drafted answer found that the confident articles do not answer it after all.
  if (d.reasonCode === 'answer_not_in_context') return 'answer_not_in_context';
  return null;
}

/** Records every visitor question the knowledge base could not answer (see knowledge-gaps.ts). */
export function createGapListener(deps: {
  gaps: KnowledgeGaps;
  log: Logger;
}): Listener<typeof DomainEvents.decisionRecorded> {
  return listenerFor(DomainEvents.decisionRecorded, async (d) => {
    const reasonCode = gapReason(d);
    if (!reasonCode || !d.retrieval) return;
    await deps.gaps
      .record({
        conversationId: d.conversationId,
        messageId: d.messageId,
        question: d.question,
        pageUrl: d.page?.url ?? null,
        pageTitle: d.page?.title || null,
        topArticleId: d.retrieval.topArticleId,
        topSimilarity: d.retrieval.topSimilarity,
        reasonCode,
      })
      .catch((err) => deps.log.warn({ err, conversationId: d.conversationId }, 'recording a knowledge gap failed'));
  });
}
