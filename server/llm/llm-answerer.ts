import type { Citation } from '../../protocol/domain.js';
import type { Answerer } from '../pipeline/answerer.js';
import type { ChatModel } from './chat-model.js';
import { buildGroundedPrompt, NO_ANSWER } from './grounded-prompt.js';

/**
 * A grounded, streamed answer from an OpenAI-compatible model. The first characters are held
 * back until they cannot be the NO_ANSWER marker, so the visitor never sees it.
 */
export function createLlmAnswerer(deps: { model: ChatModel; product?: string; timeoutMs: number }): Answerer {
  return {
    name: `llm:${deps.model.name}`,
    async answer(req) {
      const messages = await buildGroundedPrompt({ product: deps.product ?? 'Acme Projects', question: req.question, chunks: req.chunks, history: req.history });
      const signal = AbortSignal.timeout(deps.timeoutMs);
      let text = '';
      let flushed = 0;
      for await (const delta of deps.model.stream(messages, { signal, maxTokens: 500 })) {
        text += delta;
        const trimmed = text.trimStart();
        const undecided = trimmed.length < NO_ANSWER.length && NO_ANSWER.startsWith(trimmed);
        if (undecided || trimmed.startsWith(NO_ANSWER)) continue;
        if (req.onDelta && text.length > flushed) {
          req.onDelta(text.slice(flushed));
          flushed = text.length;
        }
      }
      const answer = text.trim();
      if (!answer || answer.startsWith(NO_ANSWER)) return { text: '', citations: [], unanswerable: true };
      return { text: answer, citations: citedChunks(answer, req.chunks) };
    },
  };
}

/** The excerpts the model cited as [n]; the best excerpt when it cited none. */
function citedChunks(text: string, chunks: ReadonlyArray<{ articleId: string; title: string; url: string | null }>): Citation[] {
  const cited = new Set<number>();
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    const n = Number(m[1]) - 1;
    if (n >= 0 && n < chunks.length) cited.add(n);
  }
  const picked = cited.size ? [...cited].map((i) => chunks[i]!) : chunks.slice(0, 1);
  const seen = new Set<string>();
  return picked
    .filter((c) => (seen.has(c.articleId) ? false : (seen.add(c.articleId), true)))
    .map((c) => ({ articleId: c.articleId, title: c.title, url: c.url }));
}
