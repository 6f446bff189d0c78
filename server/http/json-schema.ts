import { z } from 'zod';

/** A JSON Schema object as the OpenAPI document holds it. */
export type JsonSchema = Record<string, unknown>;

/** Request side: what the server accepts (defaults make fields optional). */
export function inSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/**
 * Response side: "at least these fields" (the contract lets servers add fields), so no `additionalProperties: false`.
 */
export function outSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return openObjects(rest) as JsonSchema;
}

function openObjects(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(openObjects);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v))
    if (!(k === 'additionalProperties' && val === false)) out[k] = openObjects(val);
  return out;
}
