import { z } from 'zod';
import { cleanText } from './clean-text.js';

export interface JsonBounds {
  /** Containers nested in each other, the outermost one counting as 1. */
  maxDepth: number;
  /** UTF-8 bytes of the JSON text. */
  maxBytes: number;
  /** Values of any kind (containers, strings, numbers...). */
  maxNodes: number;
}

export type BoundedJson = { ok: true; value: unknown; bytes: number } | { ok: false; reason: string };

interface Task {
  value: unknown;
  depth: number;
  put: (v: unknown) => void;
}

/**
 * Checks a free-form JSON value against size bounds without recursion (a 10,000-deep payload
 * made `JSON.stringify` overflow the stack) and never throws. On success `value` is a copy with
 * every string and key cleaned (`cleanText`) and `__proto__` keys dropped.
 */
export function boundJson(input: unknown, bounds: JsonBounds): BoundedJson {
  const fail = (reason: string): BoundedJson => ({ ok: false, reason });
  let bytes = 0;
  let nodes = 0;
  let root: unknown;
  const stack: Task[] = [{ value: input, depth: 0, put: (v) => (root = v) }];
  while (stack.length > 0) {
    const { value, depth, put } = stack.pop() as Task;
    if (++nodes > bounds.maxNodes) return fail(`must hold at most ${bounds.maxNodes} values`);
    if (value === null || typeof value === 'boolean') {
      bytes += value === false ? 5 : 4;
      put(value);
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return fail('numbers must be finite');
      bytes += String(value).length;
      put(value);
    } else if (typeof value === 'string') {
      const s = cleanText(value);
      bytes += utf8Length(JSON.stringify(s));
      put(s);
    } else if (Array.isArray(value)) {
      if (depth + 1 > bounds.maxDepth) return fail(`must not nest deeper than ${bounds.maxDepth} levels`);
      if (value.length > bounds.maxNodes) return fail(`must hold at most ${bounds.maxNodes} values`);
      const out: unknown[] = new Array<unknown>(value.length);
      bytes += 2 + Math.max(0, value.length - 1);
      put(out);
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth: depth + 1, put: (v) => (out[i] = v) });
    } else if (isPlainObject(value)) {
      if (depth + 1 > bounds.maxDepth) return fail(`must not nest deeper than ${bounds.maxDepth} levels`);
      const keys = Object.keys(value);
      if (keys.length > bounds.maxNodes) return fail(`must hold at most ${bounds.maxNodes} values`);
      const out: Record<string, unknown> = {};
      put(out);
      let members = 0;
      for (const key of keys) {
        const clean = cleanText(key);
        const child = value[key];
        // `out[k] = v` with k "__proto__" would swap the copy's prototype; JSON has no use for it.
        if (clean === '__proto__' || child === undefined) continue;
        bytes += utf8Length(JSON.stringify(clean)) + 1 + (members++ > 0 ? 1 : 0);
        stack.push({ value: child, depth: depth + 1, put: (v) => (out[clean] = v) });
      }
      bytes += 2;
    } else {
      return fail('must be plain JSON (objects, arrays, strings, finite numbers, booleans, null)');
    }
    if (bytes > bounds.maxBytes) return fail(`must be at most ${bounds.maxBytes} bytes of JSON`);
  }
  return { ok: true, value: root, bytes };
}

/** A free-form JSON object within `bounds`, cleaned (see `boundJson`). Documented as an object. */
export function jsonObject(bounds: JsonBounds) {
  return z.record(z.string(), z.unknown()).transform((v, ctx): Record<string, unknown> => {
    const r = boundJson(v, bounds);
    if (!r.ok) {
      ctx.issues.push({ code: 'custom', message: r.reason, input: v });
      return z.NEVER;
    }
    return r.value as Record<string, unknown>;
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
