import { Emitter } from '@socket.io/component-emitter';

/**
 * socket.io's packet format (socket.io-parser, protocol 5) for text packets only: the same strings on
 * the wire (`2/visitor,7["message",{...}]`), without the binary-attachment machinery that is most of
 * socket.io-parser's size. The widget never sends or receives binary over the socket (files go over
 * HTTP), so its build swaps this in for socket.io-parser (widget/vite.config.ts); the server and the
 * console keep the full parser, and tests/widget/socket-text-parser.test.ts checks that both sides
 * write and read the same strings. A binary packet from the server is refused as a parse error,
 * which makes socket.io-client reconnect.
 */
export const protocol = 5;

export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;

export interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

// Event names socket.io keeps for itself: a server may never send them as events.
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

export class Encoder {
  encode(packet: Packet): string[] {
    let out = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') out += packet.nsp + ',';
    if (packet.id != null) out += packet.id;
    if (packet.data != null) out += JSON.stringify(packet.data);
    return [out];
  }
}

export class Decoder extends Emitter<
  Record<string, never>,
  Record<string, never>,
  { decoded: (packet: Packet) => void }
> {
  add(chunk: unknown): void {
    if (typeof chunk !== 'string') throw new Error('binary packets are not supported by the widget');
    this.emitReserved('decoded', decodePacket(chunk));
  }

  destroy(): void {}
}

/** Reads one text packet; throws on anything socket.io-parser would refuse, and on binary packets. */
export function decodePacket(text: string): Packet {
  const type = Number(text.charAt(0));
  if (!(type >= PacketType.CONNECT && type <= PacketType.CONNECT_ERROR))
    throw new Error(`unsupported packet type ${text.charAt(0)}`);
  const packet: Packet = { type, nsp: '/' };
  let i = 1;
  if (text.charAt(i) === '/') {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    packet.nsp = text.slice(i, end);
    i = end + 1;
  }
  const id = /^\d+/.exec(text.slice(i));
  if (id) {
    packet.id = Number(id[0]);
    i += id[0].length;
  }
  if (i < text.length) {
    let data: unknown;
    try {
      data = JSON.parse(text.slice(i));
    } catch {
      throw new Error('invalid payload');
    }
    if (!payloadFits(type, data)) throw new Error('invalid payload');
    packet.data = data;
  }
  return packet;
}

function payloadFits(type: number, data: unknown): boolean {
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  switch (type) {
    case PacketType.CONNECT:
      return isObject;
    case PacketType.CONNECT_ERROR:
      return typeof data === 'string' || isObject;
    case PacketType.EVENT:
      return (
        Array.isArray(data) &&
        (typeof data[0] === 'number' || (typeof data[0] === 'string' && !RESERVED.includes(data[0])))
      );
    case PacketType.ACK:
      return Array.isArray(data);
    default:
      return false; // DISCONNECT carries no payload
  }
}
