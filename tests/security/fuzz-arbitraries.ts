import fc from 'fast-check';

/**
 * Shared adversarial inputs for the socket and HTTP fuzz suites. Runs are reproducible:
 * `FUZZ_SEED` fixes the seed (a default one otherwise), `FUZZ_RUNS` scales the number of runs.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const scale = Number(process.env.FUZZ_RUNS ?? 1);
export const runs = (n: number) => Math.max(1, Math.round(n * scale));
export const fuzzParams = (numRuns: number) =>
  ({ seed: FUZZ_SEED, numRuns: runs(numRuns), endOnFailure: true, verbose: 1 }) as const;

/**
 * JSON text spliced in verbatim: what JSON.stringify cannot produce (a 10,000-deep value, a literal `__proto__` key).
 */
export class RawJson {
  constructor(readonly text: string) {}
  /** Counterexamples print a summary, not 24 KB of brackets. */
  [fc.toStringMethod](): string {
    return `RawJson(${this.text.length} chars: ${this.text.slice(0, 24)}...)`;
  }
}

/** JSON.stringify that splices `RawJson` values in. `undefined` (a missing argument) stays undefined. */
export function toJsonText(value: unknown): string | undefined {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawJson ? `\u0001RAW${raws.push(v.text) - 1}\u0001` : v,
  );
  return text?.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)] as string);
}

const nastyBits = fc.constantFrom(
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uDBFF\u0000',
  '\uD83D\uDE00',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  '\u202E',
  '\uFEFF',
  '%00',
  "'; DROP TABLE messages; --",
  '<script>alert(1)</script>',
  '${7*7}',
  '\r\n',
);

/** Strings an attacker would try: any code unit (lone surrogates included), NULs, boundaries, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(nastyBits, fc.string({ maxLength: 6 })), { maxLength: 8 }).map((a) => a.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(100, 101, 200, 201, 300, 301, 320, 321, 1000, 1001, 2048, 2049, 4000, 4001, 8193)
      .map((n) => 'y'.repeat(n)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 12_000 }).map((n) => 'x'.repeat(n)) },
);

/** `[[[...1...]]]` or `{"a":{"a":...}}` nested past any sane bound. */
export const deepValue: fc.Arbitrary<RawJson> = fc
  .tuple(fc.integer({ min: 9, max: 12_000 }), fc.boolean())
  .map(
    ([depth, arrays]) =>
      new RawJson(
        arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      ),
  );

const pollution = fc.constantFrom(
  new RawJson('{"__proto__":{"polluted":"yes"}}'),
  new RawJson('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  new RawJson('{"__proto__":{"__proto__":{"polluted":"yes"}},"toString":"x","hasOwnProperty":1}'),
);

/** A value of the wrong kind, shape or size for whatever slot it lands in. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, [], {}) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: pollution },
);

/**
 * An object built from valid field arbitraries where each field is sometimes replaced by a nasty
 * value or left out, sometimes with `__proto__`/`constructor` keys added, and sometimes replaced
 * whole by a nasty value.
 */
export function fuzzObject(valid: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([key, arb]) => [
      key,
      fc.oneof(
        { weight: 3, arbitrary: arb },
        { weight: 2, arbitrary: poisoned(arb) },
        { weight: 2, arbitrary: nastyValue },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
    ]),
  );
  const object = fc
    .tuple(fc.record(fields), fc.option(pollution, { freq: 4 }), fc.boolean())
    .map(([o, extra, asProto]) => {
      const out: Record<string, unknown> = { ...o };
      if (extra) Object.defineProperty(out, asProto ? '__proto__' : 'constructor', { value: extra, enumerable: true });
      return out;
    });
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A valid string value with a NUL or a lone surrogate slipped in (other values pass through). */
export function poisoned(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(arb, fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u0000\uDBFF'), fc.nat()).map(([v, bad, at]) => {
    if (typeof v !== 'string') return v;
    const i = v.length ? at % (v.length + 1) : 0;
    return v.slice(0, i) + bad + v.slice(i);
  });
}

/** The shape every error answer must have, and never the catch-all `internal` for bad input. */
export function isDocumentedError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' && code !== 'internal' && Object.keys(e).length === 2;
}

/** Prototype pollution would show up on every object of the process (the server runs in this one). */
export function polluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
}
