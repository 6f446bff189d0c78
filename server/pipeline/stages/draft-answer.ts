import { followUpContext } from '../../answers/follow-up.js';
import type { AnswerImage, Answerer } from '../answerer.js';
import type { Stage } from '../stage.js';
import { DEFAULT_LANGUAGE } from '../../../protocol/messages/languages.js';
import type { Draft } from '../turn.js';

/**
 * Stage 5: write the candidate answer, and its own check, before the decision: whether the
 * knowledge base really answers the question counts as one of the policy's inputs. Written only
 * when the decision can be a knowledge answer (retrieval ran and is confident); otherwise the
 * policy does not need it and no model call is spent. With an LLM the text streams to the visitor
 * as it is written; a draft that fails its check is withdrawn (see turn-runner.ts).
 */
export function createDraftAnswerStage(deps: {
  answerer: Answerer;
  /** Streams answer text to the visitor as it is written (LLM answers). */
  stream?: (conversationId: string, replyTo: string, delta: string) => void;
  /** The images attached to the message being answered; given only when the model reads images. */
  images?: (messageId: string) => Promise<AnswerImage[]>;
}): Stage<'draft'> {
  return {
    name: 'draft-answer',
    async run(turn) {
      const retrieval = turn.retrieval;
      if (!retrieval) throw new Error('draft-answer needs the retrieve-knowledge stage before it');
      if (retrieval.skipped || !retrieval.confident) {
        return {
          draft: {
            text: '',
            citations: [],
            grounded: false,
            streamed: false,
            skipped: retrieval.skipped ?? 'no confident knowledge',
          },
        };
      }
      // An answerer that quotes articles can only answer from ones in the visitor's language.
      const language = turn.language ?? DEFAULT_LANGUAGE;
      const chunks = deps.answerer.crossLanguage
        ? retrieval.results
        : retrieval.results.filter((c) => c.lang === language);
      if (retrieval.results[0] && chunks[0] !== retrieval.results[0]) {
        return { draft: { text: '', citations: [], grounded: false, problem: 'other_language', streamed: false } };
      }
      let streamed = false;
      const onDelta = deps.stream
        ? (delta: string) => {
            streamed = true;
            deps.stream!(turn.conversationId, turn.messageId, delta);
          }
        : undefined;
      const images = deps.images ? await deps.images(turn.messageId) : [];
      const answer = await deps.answerer.answer({
        question: turn.text,
        context: followUpContext(turn),
        ...(images.length ? { images } : {}),
        chunks,
        language,
        history: turn.history.map((m) => ({ role: m.role, text: m.text })),
        ...(onDelta ? { onDelta } : {}),
      });
      const text = answer.text.trim();
      const problem: Draft['problem'] = answer.unanswerable ? 'no_answer' : !text ? 'empty' : undefined;
      const draft: Draft = problem
        ? { text: '', citations: [], grounded: false, problem, streamed }
        : {
            text: answer.text,
            citations: answer.citations,
            ...(answer.rich?.length ? { rich: answer.rich } : {}),
            grounded: true,
            streamed,
          };
      return { draft };
    },
  };
}
