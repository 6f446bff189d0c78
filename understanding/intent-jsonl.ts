import { INTENT_IMPORT_LIMITS, IntentBody } from '../protocol/http.js';
import { AppError, describeZodError } from '../base/errors.js';
import type { IntentDefinition } from './types.js';

const MAX_REPORTED_ERRORS = 20;

/** One intent per line, in the shape `IntentBody` accepts, so an export imports unchanged. */
export function toIntentJsonl(intents: readonly IntentDefinition[]): string {
  return intents
    .map((i) =>
      JSON.stringify({
        name: i.name,
        description: i.description,
        examples: i.examples,
        skill: i.skill,
        policy: i.policy,
        severity: i.severity,
        thresholds: i.thresholds ?? {},
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Parses and validates a whole JSONL import. All or nothing: any bad line rejects the file with
 * every problem listed by line number (up to a limit), so an admin can fix them in one pass.
 */
export function parseIntentJsonl(text: string): IntentDefinition[] {
  if (text.length > INTENT_IMPORT_LIMITS.bytes) {
    throw new AppError(
      413,
      'import_too_large',
      `Intent imports are limited to ${INTENT_IMPORT_LIMITS.bytes / 1024} KB; split the file.`,
    );
  }
  const errors: string[] = [];
  const intents: IntentDefinition[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const n = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      errors.push(`line ${n}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    const parsed = IntentBody.safeParse(value);
    if (!parsed.success) {
      errors.push(`line ${n}: ${describeZodError(parsed.error)}`);
      return;
    }
    const first = seen.get(parsed.data.name);
    if (first !== undefined) {
      errors.push(`line ${n}: intent "${parsed.data.name}" is already defined on line ${first}`);
      return;
    }
    seen.set(parsed.data.name, n);
    intents.push(parsed.data);
  });
  if (intents.length + errors.length === 0) errors.push('the file has no intents: expected one JSON object per line');
  if (intents.length > INTENT_IMPORT_LIMITS.intents)
    errors.push(`the file has ${intents.length} intents; at most ${INTENT_IMPORT_LIMITS.intents} are allowed`);
  if (errors.length) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS);
    const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : '';
    throw new AppError(400, 'invalid_import', `Nothing was imported. ${shown.join('; ')}${more}`);
  }
  return intents;
}
