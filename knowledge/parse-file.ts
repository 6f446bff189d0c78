import path from 'node:path';
import { parseFrontMatter, FrontMatterError } from './front-matter.js';
import { htmlTitle } from './html-to-text.js';
import { InvalidArticleError } from './knowledge-errors.js';
import { pdfToText } from './pdf-to-text.js';
import type { ArticleInput } from './types.js';

/** File extensions the knowledge base ingests, and the format each becomes. */
export const SUPPORTED_EXTENSIONS = ['.md', '.markdown', '.html', '.htm', '.txt', '.pdf'] as const;

export class UnsupportedFileError extends InvalidArticleError {
  override name = 'UnsupportedFileError';
}

/**
 * Turns one uploaded or imported file into an article input, or throws an InvalidArticleError
 * saying what is wrong with that file: unsupported type, binary data in a text file, invalid
 * UTF-8, a corrupt PDF, bad front-matter, or nothing to index. `source` (the file's name or
 * relative path) makes re-importing the same file update its article instead of duplicating it.
 */
export async function parseArticleFile(name: string, bytes: Uint8Array, source = name): Promise<ArticleInput> {
  const ext = path.extname(name).toLowerCase();
  const base = path.basename(name, path.extname(name));
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UnsupportedFileError(
      `${name}: unsupported file type "${ext || 'no extension'}"; use ${SUPPORTED_EXTENSIONS.join(', ')}.`,
    );
  }
  if (bytes.length === 0) throw new InvalidArticleError(`${name}: the file is empty.`);

  if (ext === '.pdf') {
    const pdf = await pdfToText(bytes, name);
    const text = pdf.text.trim();
    if (!text)
      throw new InvalidArticleError(
        `${name}: the PDF has no text layer (scanned images are not supported; run OCR first).`,
      );
    return { title: pdf.title ?? base, body: text, format: 'text', source };
  }

  const text = decodeText(name, bytes);
  if (ext === '.html' || ext === '.htm') {
    const article: ArticleInput = { title: htmlTitle(text) ?? base, body: text, format: 'html', source };
    return requireBody(name, article);
  }
  if (ext === '.txt') {
    const lines = text.trim().split(/\r?\n/);
    // A short first line followed by a blank line reads as a title.
    const hasTitleLine =
      lines.length > 2 && lines[0]!.trim().length > 0 && lines[0]!.length <= 200 && lines[1]!.trim() === '';
    const title = hasTitleLine ? lines[0]!.trim() : base;
    const body = hasTitleLine ? lines.slice(2).join('\n') : text;
    return requireBody(name, { title, body: body.trim(), format: 'text', source });
  }
  let parsed;
  try {
    parsed = parseFrontMatter(text, name);
  } catch (err) {
    if (err instanceof FrontMatterError) throw new InvalidArticleError(err.message);
    throw err;
  }
  const { data, content } = parsed;
  const title = data.title ?? /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? base;
  return requireBody(name, {
    title,
    body: content.trim(),
    format: 'markdown',
    url: data.url ?? null,
    pages: data.pages,
    tags: data.tags,
    source,
  });
}

/** Strict UTF-8 with no NUL bytes: a binary renamed `.md` is refused instead of indexed as noise. */
function decodeText(name: string, bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0))
    throw new InvalidArticleError(`${name}: looks like binary data (NUL bytes), not a text file.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidArticleError(`${name}: is not valid UTF-8 text; save it as UTF-8 or upload the original format.`);
  }
  text = text.replace(/^\uFEFF/, '');
  // Many control characters mean binary data that happened to decode.
  const controls = text.slice(0, 8192).match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 8)
    throw new InvalidArticleError(`${name}: looks like binary data (control characters), not a text file.`);
  return text;
}

function requireBody(name: string, article: ArticleInput): ArticleInput {
  if (!article.body.trim()) throw new InvalidArticleError(`${name}: has no text to index (the body is empty).`);
  return article;
}
