import type { KnowledgeBase } from '../../knowledge/types.js';
import type { IntentCatalog } from '../intents/intent-catalog.js';
import type { HandoffSummarizer } from '../llm/llm-handoff-summary.js';
import type { IntentChecker } from '../llm/llm-intent-check.js';
import type { TierThresholds } from './policy-thresholds.js';
import type { AnswerImage, Answerer } from './answerer.js';
import type { PolicyThresholds } from './escalation-policy.js';
import type { AnyStage } from './stage.js';
import { createClassifyIntentStage } from './stages/classify-intent.js';
import { createComposeReplyStage } from './stages/compose-reply.js';
import { createDecideEscalationStage, knowledgeNotNeeded } from './stages/decide-escalation.js';
import { createDraftAnswerStage } from './stages/draft-answer.js';
import { createDetectLoopStage } from './stages/detect-loop.js';
import { createRetrieveKnowledgeStage } from './stages/retrieve-knowledge.js';
import { createTrackSentimentStage } from './stages/track-sentiment.js';
import { withFollowUpContext } from '../answers/follow-up.js';
import { withoutDeclinedHumanRequest } from '../../understanding/declined-human-request.js';

export interface PipelineDeps {
  catalog: () => IntentCatalog;
  kb: KnowledgeBase;
  answerer: Answerer;
  thresholds?: PolicyThresholds;
  /** Per-tier overrides (default: DEFAULT_TIER_THRESHOLDS). */
  tiers?: TierThresholds;
  /** Second opinion on unsure intents (a language model is configured). */
  intentChecker?: IntentChecker;
  /** Summary on top of handoff briefs (a language model is configured). */
  summarizer?: HandoffSummarizer;
  stream?: (conversationId: string, replyTo: string, delta: string) => void;
  /** Images attached to a visitor message, for a model that reads images (OPENAI_VISION). */
  images?: (messageId: string) => Promise<AnswerImage[]>;
}

/** The one place that lists the stages of the visitor-message pipeline, in order. */
export function createDefaultPipeline(deps: PipelineDeps): AnyStage[] {
  const policy = { thresholds: deps.thresholds, tiers: deps.tiers };
  return [
    createClassifyIntentStage({ catalog: deps.catalog, checker: deps.intentChecker }),
    createTrackSentimentStage(),
    createDetectLoopStage(),
    createRetrieveKnowledgeStage({
      kb: deps.kb,
      // "I don't need a person, just ...": search for what follows, not for the person; a short
      // follow-up ("can guests do that too?") with the question it follows.
      query: (turn) => withFollowUpContext(withoutDeclinedHumanRequest(turn.text), turn),
      // A decision the knowledge base cannot change (an explicit request, a security report...) does not need
      // retrieval.
      notNeeded: (turn) => {
        const code = knowledgeNotNeeded(turn, policy);
        return code ? `decided without the knowledge base: ${code}` : null;
      },
    }),
    createDraftAnswerStage({ answerer: deps.answerer, stream: deps.stream, images: deps.images }),
    createDecideEscalationStage(policy),
    createComposeReplyStage({ summarizer: deps.summarizer }),
  ];
}
