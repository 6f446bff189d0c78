import { z } from 'zod';
import { IntentBody } from '../http.js';
import { Iso } from './common.js';

/** An intent as `/api/intents` returns it: its definition and when it last changed. */
export const Intent = IntentBody.extend({ updatedAt: Iso });
export type Intent = z.infer<typeof Intent>;

export const IntentListResponse = z.object({ intents: z.array(Intent) });
export type IntentListResponse = z.infer<typeof IntentListResponse>;

/** `POST /api/intents/import`. */
export const IntentImportResult = z.object({ imported: z.number().int(), total: z.number().int() });
export type IntentImportResult = z.infer<typeof IntentImportResult>;
