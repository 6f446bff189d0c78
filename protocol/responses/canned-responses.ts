import { z } from 'zod';

/** A saved reply agents insert with its shortcut. */
export const CannedResponse = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  shortcut: z.string().nullable(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedResponseListResponse = z.object({ cannedResponses: z.array(CannedResponse) });
export type CannedResponseListResponse = z.infer<typeof CannedResponseListResponse>;
