import type { Citation } from '../../protocol/domain.js';
import type { RichBlock } from '../../protocol/rich-text.js';
import type { RetrievedChunk } from '../../knowledge/types.js';
import { createArticleSections, type ArticleLoader } from '../answers/article-sections.js';
import { composeExtractiveAnswer } from './extractive-answer.js';
import type { Language } from '../../protocol/messages/languages.js';

export interface AnswerRequest {
  question: string;
  /** For a follow-up ("and for guests?"): the earlier question it builds on. */
  context?: string | null;
  chunks: readonly RetrievedChunk[];
  history: Array<{ role: string; text: string }>;
  /** Images the visitor attached to the question (only when the model reads images). */
  images?: readonly AnswerImage[];
  /** Receives the answer as it is written, for streaming to the visitor. */
  onDelta?: (delta: string) => void;
  /** The visitor's language: the answer is written in it (absent: English). */
  language?: Language;
}
export interface AnswerImage {
  contentType: string;
  bytes: Uint8Array;
}
export interface ComposedAnswer {
  text: string;
  citations: Citation[];
  /** The answer with its structure (lists, bold, code, links), when the answerer has it. */
  rich?: RichBlock[];
  /** The composer found the context does not answer the question (a handoff signal). */
  unanswerable?: boolean;
}

/** Writes the answer from retrieved knowledge; offline extractive by default, an LLM when configured. */
export interface Answerer {
  readonly name: string;
  /**
   * True when it writes in the visitor's language from articles in any language (a language
   * model). False (the extractive composer): it quotes articles, so only ones in the visitor's
   * language can answer them.
   */
  readonly crossLanguage?: boolean;
  answer(req: AnswerRequest): Promise<ComposedAnswer>;
}

/**
 * The offline answerer; with `articles` it quotes the best section of the whole article, not only the retrieved chunk.
 */
export function createExtractiveAnswerer(deps: { articles?: ArticleLoader } = {}): Answerer {
  const sectionsFor = createArticleSections(deps.articles);
  return {
    name: 'extractive',
    async answer(req) {
      return composeExtractiveAnswer({
        question: req.question,
        context: req.context ?? null,
        chunks: req.chunks,
        sectionsFor,
        ...(req.language ? { language: req.language } : {}),
      });
    },
  };
}
