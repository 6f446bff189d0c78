import type { AnswerImage } from '../pipeline/answerer.js';
import type { AttachmentService } from './attachment-service.js';

/** Images per question, and their longest side: enough to read a screenshot, bounded in tokens and bytes. */
const MAX_IMAGES = 4;
const MAX_SIDE = 2048;

/**
 * The images a visitor message carries, ready for a model that reads images: at most four,
 * scaled down to 2048 px on the longest side (never up), still without metadata.
 */
export function imagesForModel(attachments: AttachmentService): (messageId: string) => Promise<AnswerImage[]> {
  return async (messageId) => {
    const stored = (await attachments.imagesOf(messageId)).slice(0, MAX_IMAGES);
    return Promise.all(
      stored.map(async (a) => {
        const big = (a.ref.width ?? 0) > MAX_SIDE || (a.ref.height ?? 0) > MAX_SIDE;
        if (!big) return { contentType: a.ref.contentType, bytes: a.bytes };
        // sharp is imported only when an image is processed (it is ~20 MB of an idle server's memory).
        const { default: sharp } = await import('sharp');
        const bytes = await sharp(a.bytes)
          .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
          .png()
          .toBuffer();
        return { contentType: 'image/png', bytes: new Uint8Array(bytes) };
      }),
    );
  };
}
