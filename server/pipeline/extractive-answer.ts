import type { Citation } from '../../protocol/domain.js';
import type { RetrievedChunk } from '../../knowledge/types.js';

const MAX_ANSWER_CHARS = 700;

/**
 * The offline answer: the best chunk, cut cleanly at a sentence or list-item boundary,
 * with a link to its article. Text only: it is rendered as text, never as HTML.
 */
export function composeExtractiveAnswer(chunks: readonly RetrievedChunk[]): { text: string; citations: Citation[] } {
  const best = chunks[0];
  if (!best) return { text: '', citations: [] };
  const body = cleanChunkText(best.text, best.title);
  const text = cutAtBoundary(body, MAX_ANSWER_CHARS);
  const citations: Citation[] = [{ articleId: best.articleId, title: best.title, url: best.url }];
  return { text: `${text}\n\nSource: ${best.title}`, citations };
}

/** Drops the title and heading prefix the chunker adds, and Markdown decoration. */
function cleanChunkText(text: string, title: string): string {
  return text
    .split('\n')
    .filter((line, i) => !(i < 3 && (line.trim() === title || /^#{1,6}\s/.test(line) || /^\S.*\s>\s/.test(line) && line.includes(title))))
    .join('\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function cutAtBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max);
  const lastBreak = Math.max(slice.lastIndexOf('\n'), slice.lastIndexOf('. '), slice.lastIndexOf('? '), slice.lastIndexOf('! '));
  const cut = lastBreak > max * 0.4 ? slice.slice(0, lastBreak + 1) : slice.slice(0, slice.lastIndexOf(' '));
  return `${cut.trim()} …`;
}
