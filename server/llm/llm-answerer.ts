import type { Citation } from '../../protocol/domain.js';
import type { Answerer } from '../pipeline/answerer.js';
import type { ChatModel } from './chat-model.js';
import { buildGroundedPrompt, NO_ANSWER } from './grounded-prompt.js';
import { markdownToRich } from '../answers/markdown-blocks.js';

/**
 * A grounded, streamed answer from an OpenAI-compatible model. The marker NO_ANSWER never reaches
 * the visitor: text that could still be (the start of) the marker is held back, and once the
 * marker appears nothing more is streamed and the answer is unanswerable, wherever the model put it.
 */
export function createLlmAnswerer(deps: { model: ChatModel; product?: string; timeoutMs: number }): Answerer {
  return {
    name: `llm:${deps.model.name}`,
    crossLanguage: true,
    async answer(req) {
      const messages = await buildGroundedPrompt({
        product: deps.product ?? 'Acme Projects',
        question: req.question,
        chunks: req.chunks,
        history: req.history,
        images: req.images,
        language: req.language,
      });
      const signal = AbortSignal.timeout(deps.timeoutMs);
      let text = '';
      let flushed = 0;
      for await (const delta of deps.model.stream(messages, { signal, maxTokens: 500 })) {
        text += delta;
        if (text.includes(NO_ANSWER)) break;
        // Nothing before the first real character, nor a tail that may grow into the marker.
        const safe = text.trimStart() ? text.length - markerPrefixAtEnd(text) : 0;
        if (req.onDelta && safe > flushed) {
          req.onDelta(text.slice(flushed, safe));
          flushed = safe;
        }
      }
      const answer = text.trim();
      if (!answer || answer.includes(NO_ANSWER)) return { text: '', citations: [], unanswerable: true };
      if (req.onDelta && text.length > flushed) req.onDelta(text.slice(flushed));
      // The model's Markdown goes through the same parser and link allow-list as articles.
      return { text: answer, rich: markdownToRich(answer), citations: citedChunks(answer, req.chunks) };
    },
  };
}

/** Length of the longest end of `text` that is a proper start of the marker ("…NO_ANS"). */
function markerPrefixAtEnd(text: string): number {
  for (let n = Math.min(NO_ANSWER.length - 1, text.length); n > 0; n--) {
    if (NO_ANSWER.startsWith(text.slice(-n))) return n;
  }
  return 0;
}

/** The excerpts the model cited as [n]; the best excerpt when it cited none. */
function citedChunks(
  text: string,
  chunks: ReadonlyArray<{ articleId: string; title: string; url: string | null }>,
): Citation[] {
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
