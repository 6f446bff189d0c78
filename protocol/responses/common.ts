import { z } from 'zod';

// Shapes many answers share. Response schemas describe what the server sends (`z.string()`, no
// cleaning): they are for `satisfies`, the console's types and the OpenAPI document, not for parsing.

/** Every time in an answer is an ISO 8601 string. */
export const Iso = z.string().describe('ISO 8601 timestamp');

/** `201 {id}` and friends. */
export const IdResponse = z.object({ id: z.string() });
export type IdResponse = z.infer<typeof IdResponse>;

export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

/** Someone named in an answer (the assignee, a reporter). */
export const PersonRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;
