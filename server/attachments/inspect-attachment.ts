import path from 'node:path';
import type { Sharp } from 'sharp';
import { ATTACHMENT_TYPES, type AttachmentType } from '../../protocol/attachments.js';
import { cleanText } from '../../protocol/clean-text.js';
import { AppError } from '../errors.js';

export interface InspectedAttachment {
  name: string;
  contentType: AttachmentType;
  bytes: Uint8Array;
  width?: number;
  height?: number;
}

const EXTENSION: Record<AttachmentType, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'application/pdf': '.pdf',
};
/**
 * Decoded pixels an image may have (a 16-megapixel screenshot is far beyond any screen); bounds decompression bombs.
 */
const MAX_PIXELS = 40_000_000;

/**
 * Checks what a file really is from its bytes (file-type's magic numbers; the name and declared
 * type are never trusted) and makes it safe to keep: images are decoded and re-encoded with the
 * EXIF orientation applied and every metadata block (EXIF, GPS, XMP, ICC comments) dropped; PDFs
 * are kept as they are and only ever served as downloads. The name gets the extension of the type found.
 */
export async function inspectAttachment(bytes: Uint8Array, givenName: string): Promise<InspectedAttachment> {
  // file-type is loaded with the first attachment, not by every server at start.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const contentType = (ATTACHMENT_TYPES as readonly string[]).includes(detected?.mime ?? '')
    ? (detected!.mime as AttachmentType)
    : null;
  const name = safeName(givenName, contentType);
  if (!contentType) {
    const seen = detected
      ? `its content is ${detected.mime}`
      : 'its content is not a known file format (text or HTML, for example)';
    throw new AppError(
      415,
      'unsupported_attachment',
      `${name} cannot be attached: ${seen}. Attach a PNG, JPEG, WebP or GIF image, or a PDF.`,
    );
  }
  if (contentType === 'application/pdf') return { name, contentType, bytes };
  // sharp is imported only when an image is processed (it is ~20 MB of an idle server's memory).
  const { default: sharp } = await import('sharp');
  try {
    const animated = contentType === 'image/gif' || contentType === 'image/webp';
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, animated, failOn: 'error' }).rotate();
    const out = await formatted(image, contentType).toBuffer({ resolveWithObject: true });
    const height = out.info.pageHeight ?? out.info.height;
    return { name, contentType, bytes: new Uint8Array(out.data), width: out.info.width, height };
  } catch (err) {
    const why =
      err instanceof Error && /pixel limit/i.test(err.message)
        ? `it has more than ${MAX_PIXELS / 1_000_000} million pixels`
        : 'the image data is damaged or incomplete';
    throw new AppError(
      422,
      'unreadable_image',
      `${name} could not be read as an image: ${why}. Take the screenshot again or attach a smaller image.`,
    );
  }
}

/** Re-encodes in the same format; sharp writes no metadata unless asked to. */
function formatted(image: Sharp, type: AttachmentType): Sharp {
  switch (type) {
    case 'image/png':
      return image.png();
    case 'image/jpeg':
      return image.jpeg({ quality: 90, mozjpeg: true });
    case 'image/webp':
      return image.webp({ quality: 90 });
    default:
      return image.gif();
  }
}

/** A display name: no folders, no control characters, at most 120 characters, the real type's extension. */
function safeName(given: string, type: AttachmentType | null): string {
  const base = path
    .basename(cleanText(given).replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f"<>]/g, '')
    .trim();
  const stem = (base.replace(/\.[^.]*$/, '') || 'attachment').slice(0, 120);
  return type ? `${stem}${EXTENSION[type]}` : base.slice(0, 120) || 'attachment';
}
