import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { InvalidArticleError } from './knowledge-errors.js';

export interface PdfText {
  title?: string;
  /** Pages separated by blank lines. */
  text: string;
  pages: number;
}

/** Extracts the text layer of a PDF with unpdf (pdf.js, pure JavaScript, nothing downloaded). */
export async function pdfToText(bytes: Uint8Array, source = 'file'): Promise<PdfText> {
  if (!startsWith(bytes, '%PDF-'))
    throw new InvalidArticleError(`${source}: not a PDF (the file does not start with "%PDF-").`);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may detach the buffer it is given: hand it a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: true, verbosity: 0 });
  } catch (err) {
    throw new InvalidArticleError(
      `${source}: the PDF is corrupt or encrypted and cannot be read (${shortMessage(err)}).`,
    );
  }
  try {
    const { text, totalPages } = await extractText(doc, { mergePages: false });
    const meta = await getMeta(doc).catch(() => null);
    const rawTitle = (meta?.info as { Title?: unknown } | undefined)?.Title;
    const title = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle.trim() : undefined;
    return {
      title,
      text: text
        .map((p) => p.trim())
        .filter(Boolean)
        .join('\n\n'),
      pages: totalPages,
    };
  } catch (err) {
    throw new InvalidArticleError(`${source}: the PDF text could not be extracted (${shortMessage(err)}).`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  // A few bytes of junk before the header are tolerated by readers; so are we.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes(magic);
}

function shortMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}
