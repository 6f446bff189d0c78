import type { KnowledgeBase } from '../../knowledge/types.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createExtractiveAnswerer, type Answerer } from '../pipeline/answerer.js';
import type { PipelineDeps } from '../pipeline/default-pipeline.js';
import { createLlmAnswerer } from './llm-answerer.js';
import { createLlmHandoffSummarizer } from './llm-handoff-summary.js';
import { createLlmIntentChecker } from './llm-intent-check.js';
import { createLlmTranslator, type MessageTranslator } from './llm-translator.js';
import { createModelFailureLog } from './model-failure-log.js';
import { createOpenAiChatModel } from './openai-chat-model.js';

export interface ModelServices {
  /** The language model's grounded answer, else the offline extractive one. */
  answerer: Answerer;
  /** Visitors' messages translated for agents; only with a model. */
  translator?: MessageTranslator;
  /** Only with a model: a second opinion on unsure intents, a written summary on handoff briefs. */
  assist: Pick<PipelineDeps, 'intentChecker' | 'summarizer'>;
}

/** What the configured language model (OPENAI_API_KEY) does, or the offline stand-ins without one. */
export function buildModelServices(
  config: Config,
  deps: { kb: Pick<KnowledgeBase, 'getArticle'>; log: Logger; clock: Clock },
): ModelServices {
  const { log, clock } = deps;
  if (!config.openai)
    return { answerer: createExtractiveAnswerer({ articles: (id) => deps.kb.getArticle(id) }), assist: {} };
  const { apiKey, baseURL, chatModel, timeoutMs } = config.openai;
  const answerer = createLlmAnswerer({
    model: createOpenAiChatModel({ apiKey, baseURL, model: chatModel, timeoutMs }),
    timeoutMs,
  });
  // The side tasks never retry and are bounded well below the answer timeout; on failure the offline result stands.
  const translator = createLlmTranslator({
    model: createOpenAiChatModel({ apiKey, baseURL, model: chatModel, timeoutMs, maxRetries: 0 }),
    timeoutMs: Math.min(timeoutMs, 5000),
    onFailure: createModelFailureLog({ log, model: chatModel, task: 'translation', clock }),
  });
  const model = createOpenAiChatModel({ apiKey, baseURL, model: chatModel, timeoutMs, maxRetries: 0 });
  const sideTimeoutMs = Math.min(timeoutMs, 5000);
  const failureLog = (task: string) => createModelFailureLog({ log, model: model.name, task, clock });
  return {
    answerer,
    translator,
    assist: {
      intentChecker: createLlmIntentChecker({ model, timeoutMs: sideTimeoutMs, onFailure: failureLog('intent check') }),
      summarizer: createLlmHandoffSummarizer({
        model,
        timeoutMs: sideTimeoutMs,
        onFailure: failureLog('handoff summary'),
      }),
    },
  };
}
