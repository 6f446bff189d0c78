import { describe, expect, it } from 'vitest';
import { boundJson, jsonObject } from '../../protocol/bounded-json.js';
import { cleanText, text } from '../../protocol/clean-text.js';
import { PageInfo } from '../../protocol/domain.js';
import { PAGE_CONTEXT_BOUNDS } from '../../protocol/page-context-bounds.js';

const bounds = { maxDepth: 8, maxBytes: 8192, maxNodes: 1000 };

describe('boundJson', () => {
  it('refuses a 1,000,000-deep value without throwing (JSON.stringify overflows at ~10,000)', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`) as unknown;
    expect(boundJson(deep, bounds)).toEqual({ ok: false, reason: 'must not nest deeper than 8 levels' });
    expect(() => PageInfo.safeParse({ url: 'u', context: { k: deep } })).not.toThrow();
  });

  it('measures what JSON.stringify would write, in UTF-8 bytes', () => {
    const value = { a: [1, -2.5, true, false, null, 'x"y\\z\n'], b: { c: 'é€😀' }, d: [], e: {} };
    const r = boundJson(value, bounds);
    expect(r).toMatchObject({ ok: true, value });
    if (r.ok) expect(r.bytes).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  it('refuses too many bytes, too many values and what is not JSON', () => {
    expect(boundJson({ s: 'x'.repeat(9000) }, bounds)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/8192 bytes/),
    });
    expect(
      boundJson(
        Array.from({ length: 1001 }, () => 0),
        bounds,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/1000 values/) });
    for (const bad of [Number.NaN, Infinity, Buffer.from('x'), new Date(), () => 1, 1n, undefined]) {
      expect(boundJson([bad], bounds).ok, String(bad)).toBe(false);
    }
    // As JSON.stringify does, an undefined member is left out.
    expect(boundJson({ a: undefined, b: 1 }, bounds)).toEqual({ ok: true, value: { b: 1 }, bytes: 7 });
  });

  it('cleans strings and keys and drops __proto__, so nothing is polluted', () => {
    const input = JSON.parse(
      '{"__proto__":{"polluted":1},"a\\u0000":"b\\u0000\\ud800",' +
        '"n":{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}}',
    ) as unknown;
    const r = boundJson(input, bounds);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(v.n)).toBe(Object.prototype);
    expect(v).toEqual({ a: 'b', n: { constructor: { prototype: { y: 1 } } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('jsonObject is a zod schema that reports the reason at its path', () => {
    const r = PageInfo.safeParse({
      url: 'u',
      context: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['context'],
      message: `must not nest deeper than ${PAGE_CONTEXT_BOUNDS.maxDepth} levels`,
    });
    expect(jsonObject(bounds).safeParse([1]).success).toBe(false);
  });
});

describe('cleanText', () => {
  it('removes NULs and lone surrogates and keeps surrogate pairs', () => {
    expect(cleanText('a\u0000b\uD800c\uDC00d\uD83D\uDE00')).toBe('abcd\uD83D\uDE00');
    expect(cleanText('\uDE00\uD83D')).toBe(''); // the wrong order is two lone halves
    expect(text().trim().min(1).safeParse(' \u0000 ').success).toBe(false);
    expect(text().max(3).safeParse('ab\u0000\u0000c').data).toBe('abc');
  });
});
