/**
 * engine.io's packet format (engine.io-parser, protocol 4) for text packets only: the same strings on
 * the wire ("4" + a socket.io packet; polling payloads joined by the record separator), without the
 * binary and WebTransport code that is most of engine.io-parser's size. The widget never sends or
 * receives binary (files go over HTTP), so its build swaps this in (widget/vite.config.ts); a binary
 * frame reads as the parser error engine.io-client already handles by closing and reconnecting.
 * tests/widget/engine-text-parser.test.ts checks it against engine.io-parser.
 */
export const protocol = 4;

type PacketType = 'open' | 'close' | 'ping' | 'pong' | 'message' | 'upgrade' | 'noop' | 'error';

export interface Packet {
  type: PacketType;
  data?: string;
}

const TYPES: readonly PacketType[] = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
const SEPARATOR = '\x1e';
const ERROR: Packet = { type: 'error', data: 'parser error' };

export function encodePacket(packet: Packet, _supportsBinary: boolean, callback: (encoded: string) => void): void {
  callback(TYPES.indexOf(packet.type) + (packet.data ?? ''));
}

export function decodePacket(encoded: unknown): Packet {
  if (typeof encoded !== 'string') return ERROR;
  const first = encoded.charAt(0);
  const type = /^\d$/.test(first) ? TYPES[Number(first)] : undefined;
  if (!type) return ERROR; // includes "b..." (base64 binary)
  return encoded.length > 1 ? { type, data: encoded.slice(1) } : { type };
}

export function encodePayload(packets: Packet[], callback: (encoded: string) => void): void {
  callback(packets.map((p) => TYPES.indexOf(p.type) + (p.data ?? '')).join(SEPARATOR));
}

export function decodePayload(encoded: string): Packet[] {
  const packets: Packet[] = [];
  for (const part of encoded.split(SEPARATOR)) {
    const packet = decodePacket(part);
    packets.push(packet);
    if (packet.type === 'error') break;
  }
  return packets;
}

// Only engine.io's WebTransport transport uses these, and the widget build leaves it out.
export function createPacketEncoderStream(): never {
  throw new Error('WebTransport is not supported by the widget');
}
export const createPacketDecoderStream = createPacketEncoderStream;
