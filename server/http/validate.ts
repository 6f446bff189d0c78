import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, describeZodError } from '../errors.js';

/** Reads a JSON body and validates it; a bad body is a 400 that says what is wrong. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body must be valid JSON.');
  }
  return parse(schema, raw);
}

export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError(400, 'invalid_request', describeZodError(parsed.error));
  return parsed.data;
}
