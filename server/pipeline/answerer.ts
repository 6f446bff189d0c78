import type { Citation } from '../../protocol/domain.js';
import type { RetrievedChunk } from '../../knowledge/types.js';
import { composeExtractiveAnswer } from './extractive-answer.js';

export interface AnswerRequest {
  question: string;
  chunks: readonly RetrievedChunk[];
  history: Array<{ role: string; text: string }>;
  /** Images the visitor attached to the question (only when the model reads images). */
  images?: readonly AnswerImage[];
  /** Receives the answer as it is written, for streaming to the visitor. */
  onDelta?: (delta: string) => void;
}
export interface AnswerImage {
  contentType: string;
  bytes: Uint8Array;
}
export interface ComposedAnswer {
  text: string;
  citations: Citation[];
  /** The composer found the context does not answer the question (a handoff signal). */
  unanswerable?: boolean;
}

/** Writes the answer from retrieved knowledge; offline extractive by default, an LLM when configured. */
export interface Answerer {
  readonly name: string;
  answer(req: AnswerRequest): Promise<ComposedAnswer>;
}

export function createExtractiveAnswerer(): Answerer {
  return {
    name: 'extractive',
    async answer(req) {
      return composeExtractiveAnswer(req.chunks);
    },
  };
}
