import fc from 'fast-check';
import * as official from 'engine.io-parser';
import { describe, expect, it } from 'vitest';
import * as ours from '../../widget/engine-text-parser.js';

// The widget's build swaps engine.io-parser for widget/engine-text-parser.ts: for text packets both
// must write and read exactly the same strings.

const type = fc.constantFrom('open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop') as fc.Arbitrary<
  ours.Packet['type']
>;
const packet = fc
  .record({
    type,
    data: fc.option(
      fc.string({ minLength: 1 }).filter((s) => !s.includes('\x1e')),
      { nil: undefined },
    ),
  })
  .map((p) => (p.data === undefined ? { type: p.type } : p));
const encodeWith = (enc: (p: never, b: boolean, cb: (s: string) => void) => void, p: ours.Packet): string => {
  let out = '';
  enc(p as never, true, (s) => (out = s));
  return out;
};

describe('the widget engine.io text parser', () => {
  it('writes and reads single packets as engine.io-parser does', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const text = encodeWith(official.encodePacket as never, p);
        expect(encodeWith(ours.encodePacket as never, p)).toBe(text);
        expect(ours.decodePacket(text)).toEqual(official.decodePacket(text));
      }),
    );
  });

  it('writes and reads polling payloads as engine.io-parser does', () => {
    fc.assert(
      fc.property(fc.array(packet, { minLength: 1, maxLength: 5 }), (packets) => {
        let theirs = '';
        official.encodePayload(packets as never, (s) => (theirs = s));
        let mine = '';
        ours.encodePayload(packets, (s) => (mine = s));
        expect(mine).toBe(theirs);
        expect(ours.decodePayload(theirs)).toEqual(official.decodePayload(theirs));
      }),
    );
  });

  it('reads junk and binary as a parser error, so the client reconnects', () => {
    for (const bad of ['', 'x', '9', 'bAQID'])
      expect(ours.decodePacket(bad), bad).toEqual({ type: 'error', data: 'parser error' });
    expect(ours.decodePacket(new Uint8Array([4, 1]))).toEqual({ type: 'error', data: 'parser error' });
    expect(ours.decodePayload('4hello\x1ezzz\x1e4never')).toEqual([
      { type: 'message', data: 'hello' },
      { type: 'error', data: 'parser error' },
    ]);
  });
});
