import { htmlToText } from './html-to-text.js';
import type { ArticleFormat } from './types.js';

export interface ArticleChunk {
  /** Position in the article, from 0; with the article id it forms the stable chunk id. */
  ordinal: number;
  /** "Article title > Section > Subsection": where the text sits, always starting with the title. */
  headingPath: string;
  text: string;
}

export interface ChunkOptions {
  /** Target maximum characters per chunk. */
  chunkSize?: number;
  /** Characters repeated between consecutive pieces of one long section. */
  chunkOverlap?: number;
}

export const DEFAULT_CHUNK_SIZE = 1000;
export const DEFAULT_CHUNK_OVERLAP = 150;

interface Section {
  headings: string[];
  text: string;
}

/**
 * Splits an article along its structure: Markdown (and HTML, converted to Markdown-ish text)
 * by headings first, then long sections by size with overlap; plain text by paragraphs.
 */
export async function chunkArticle(
  input: { title: string; body: string; format: ArticleFormat },
  opts: ChunkOptions = {},
): Promise<ArticleChunk[]> {
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const chunkOverlap = Math.min(opts.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP, Math.floor(chunkSize / 2));
  const title = input.title.trim();
  const body = input.format === 'html' ? htmlToText(input.body) : input.body;
  const sections = input.format === 'text' ? [{ headings: [], text: body }] : splitOnHeadings(body, title);
  // The splitter library is loaded when an article is indexed, not by a server that only answers.
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitter =
    input.format === 'text'
      ? new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap, separators: ['\n\n', '\n', '. ', ' ', ''] })
      : RecursiveCharacterTextSplitter.fromLanguage('markdown', { chunkSize, chunkOverlap });

  const chunks: ArticleChunk[] = [];
  for (const section of sections) {
    const text = section.text.trim();
    if (!text) continue;
    const headingPath = [title, ...section.headings].filter(Boolean).join(' > ');
    const pieces = text.length <= chunkSize ? [text] : await splitter.splitText(text);
    for (const piece of pieces) {
      const trimmed = piece.trim();
      if (trimmed) chunks.push({ ordinal: chunks.length, headingPath, text: trimmed });
    }
  }
  // A title-only article still gets one chunk so it can be found.
  if (chunks.length === 0 && title) chunks.push({ ordinal: 0, headingPath: title, text: title });
  return chunks;
}

/** Text handed to the embedder: heading path first, so every chunk knows what it is about. */
export function chunkEmbeddingText(chunk: Pick<ArticleChunk, 'headingPath' | 'text'>): string {
  return `${chunk.headingPath}\n\n${chunk.text}`;
}

/** Splits Markdown into sections on ATX headings, ignoring `#` lines inside code fences. */
function splitOnHeadings(markdown: string, title: string): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    sections.push({ headings: stack.map((h) => h.text), text: lines.join('\n') });
    lines = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker[0]!;
      else if (marker[0] === fence) fence = null;
    }
    const heading = fence === null ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    const text = heading[2]!.trim();
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    // A leading "# Title" repeats the article title; do not put it in the path twice.
    if (!(level === 1 && sameText(text, title) && sections.every((s) => !s.text.trim()))) stack.push({ level, text });
  }
  flush();
  return sections;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
