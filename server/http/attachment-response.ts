import type { Context } from 'hono';
import type { StoredAttachment } from '../attachments/attachment-service.js';

/** What the API documentation says of every route that serves an attachment (what attachmentResponse does). */
export const ATTACHMENT_SERVING =
  'Served with its checked Content-Type, `X-Content-Type-Options: nosniff`, ' +
  'a sandboxing CSP and `Content-Disposition` (`inline` for images, `attachment` for PDFs); never as HTML.';

/**
 * An attachment as a response: its checked type, `nosniff` so no browser second-guesses it, a
 * sandboxing CSP in case one is opened directly, images inline and PDFs only as downloads.
 */
export function attachmentResponse(c: Context, a: StoredAttachment): Response {
  const disposition = a.ref.contentType.startsWith('image/') ? 'inline' : 'attachment';
  const ascii = a.ref.name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return c.body(a.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': a.ref.contentType,
    'Content-Length': String(a.bytes.byteLength),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.ref.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'private, max-age=86400, immutable',
  });
}
