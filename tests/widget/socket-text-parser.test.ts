import fc from 'fast-check';
import { Decoder as OfficialDecoder, Encoder as OfficialEncoder } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, decodePacket, type Packet } from '../../widget/socket-text-parser.js';

// The widget's build swaps socket.io-parser for widget/socket-text-parser.ts: both must write and
// read exactly the same strings, or the widget and the server stop understanding each other.

const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const nsp = fc.constantFrom('/', '/visitor', '/agent');
const id = fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined });
const eventName = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter(
    (s) => !['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'].includes(s),
  );
const packet: fc.Arbitrary<Packet> = fc
  .oneof(
    fc.record({ type: fc.constant(0), nsp, data: fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 }) }),
    fc.record({ type: fc.constant(1), nsp }),
    fc.record({ type: fc.constant(2), nsp, id, data: fc.tuple(eventName, json).map(([name, arg]) => [name, arg]) }),
    fc.record({ type: fc.constant(3), nsp, id: fc.nat({ max: 1_000_000 }), data: fc.array(json, { maxLength: 3 }) }),
    fc.record({ type: fc.constant(4), nsp, data: fc.oneof(fc.string(), fc.record({ message: fc.string() })) }),
  )
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Packet);

function officialDecode(text: string): unknown {
  const decoder = new OfficialDecoder();
  let out: unknown;
  decoder.on('decoded', (p: unknown) => (out = p));
  decoder.add(text);
  return out;
}

describe('the widget socket.io text parser', () => {
  it('writes the same strings as socket.io-parser', () => {
    fc.assert(
      fc.property(packet, (p) => {
        expect(new Encoder().encode(p)).toEqual(new OfficialEncoder().encode(p as never));
      }),
    );
  });

  it('reads what socket.io-parser writes, as socket.io-parser reads it', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const [text] = new OfficialEncoder().encode(p as never) as string[];
        const decoder = new Decoder();
        let got: Packet | undefined;
        decoder.on('decoded', (d) => (got = d));
        decoder.add(text);
        expect(got).toEqual(officialDecode(text!));
      }),
    );
  });

  it('refuses what socket.io-parser refuses, and binary packets', () => {
    for (const bad of ['9', '2["connect"]', '2{"not":"an array"}', '0[1]', '1{"x":1}', '2[1']) {
      expect(() => officialDecode(bad), bad).toThrow();
      expect(() => decodePacket(bad), bad).toThrow();
    }
    // A binary event: socket.io-parser would wait for the attachment; the widget never expects one.
    expect(() => decodePacket('51-["upload",{"_placeholder":true,"num":0}]')).toThrow(/unsupported packet type/);
    expect(() => new Decoder().add(new Uint8Array([1, 2]))).toThrow(/binary/);
  });
});
