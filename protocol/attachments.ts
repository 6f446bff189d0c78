import { z } from 'zod';
import { text } from './clean-text.js';

/** What a visitor may attach, by the type its bytes show (never its name or declared type). */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;
export const AttachmentType = z.enum(ATTACHMENT_TYPES);
export type AttachmentType = z.infer<typeof AttachmentType>;

/** An attachment as messages carry it: the checked type and the stored size (after re-encoding). */
export const AttachmentRef = z.object({
  id: text(),
  name: text(),
  contentType: AttachmentType,
  size: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** `POST /api/visitor/attachments?name=`: the file's name (shown to agents; the type comes from its bytes). */
export const AttachmentUploadQuery = z.object({ name: text().trim().max(200).default('') });
