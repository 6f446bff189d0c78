import type { Citation } from '../../protocol/domain.js';
import type { RichBlock } from '../../protocol/rich-text.js';
import type { RetrievedChunk } from '../../knowledge/types.js';
import { headingOf } from '../answers/article-sections.js';
import type { MarkdownSection } from '../answers/markdown-blocks.js';
import type { Language } from '../../protocol/messages/languages.js';
import { composeFocusedAnswer } from '../answers/focused-answer.js';

/**
 * The offline answer, focused on the question (see server/answers/focused-answer.ts), from the
 * retrieved articles' sections. Rich blocks for the widget and console; `text` is the plain
 * fallback with one source line. Never HTML.
 */
export async function composeExtractiveAnswer(args: {
  question: string;
  /** The earlier question a follow-up builds on. */
  context?: string | null;
  chunks: readonly RetrievedChunk[];
  sectionsFor: (chunk: RetrievedChunk) => Promise<MarkdownSection[]>;
  /** The visitor's language, for the composer's own words (the quotes are the article's). */
  language?: Language;
}): Promise<{ text: string; rich: RichBlock[]; citations: Citation[] }> {
  const top = args.chunks.slice(0, 2);
  const articles = await Promise.all(
    top.map(async (c) => ({
      articleId: c.articleId,
      title: c.title,
      url: c.url,
      sections: await args.sectionsFor(c),
      retrievedHeading: headingOf(c),
      score: c.score,
    })),
  );
  const answer = composeFocusedAnswer({
    question: args.question,
    context: args.context ?? null,
    articles,
    ...(args.language ? { language: args.language } : {}),
  });
  return { text: answer.text, rich: answer.blocks, citations: answer.citations };
}
