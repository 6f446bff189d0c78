import { Manager } from 'socket.io-client';

/** socket.io packet types (socket.io-parser). */
const CONNECT = 0;
const CONNECT_ERROR = 4;
const EVENT = 2;
const ACK = 3;

interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/**
 * A socket.io connection that writes hand-made frames. socket.io-client's own encoder cannot
 * serialise what an attacker sends (its JSON.stringify overflows on a 10,000-deep payload too),
 * so the frame text is built here, as a raw client would send it over the wire.
 */
export interface RawSocket {
  /**
   * Sends CONNECT with a raw JSON `auth` text; resolves with the server's answer, or `closed` when
   * the server dropped the connection (what socket.io does with a frame it cannot parse).
   */
  connect(
    nsp: string,
    authJson: string,
  ): Promise<{ ok: true; sid: string } | { ok: false; message: string; data?: unknown } | { ok: false; closed: true }>;
  /**
   * Sends an event whose argument is a raw JSON text (none when undefined) and waits for the ack (`null` after `ms` or
   * on close).
   */
  emitAck(nsp: string, event: string, argJson: string | undefined, ms?: number): Promise<unknown>;
  /** Sends an event without an ack. */
  emit(nsp: string, event: string, argJson: string | undefined): void;
  /** Events the server sent, in order. */
  received: Array<{ nsp: string; event: string; payload: unknown }>;
  readonly closed: boolean;
  close(): void;
}

export async function openRawSocket(url: string): Promise<RawSocket> {
  const manager = new Manager(url, {
    transports: ['websocket'],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => manager.open((err) => (err ? reject(err) : resolve())));
  const waiters: Array<(p: Packet | null) => boolean> = [];
  const received: RawSocket['received'] = [];
  let closed = false;
  manager.on('packet', (p) => {
    const packet = p as unknown as Packet;
    if (packet.type === EVENT && Array.isArray(packet.data))
      received.push({ nsp: packet.nsp, event: String(packet.data[0]), payload: packet.data[1] });
    const i = waiters.findIndex((w) => w(packet));
    if (i >= 0) waiters.splice(i, 1);
  });
  manager.engine.on('close', () => {
    closed = true;
    for (const w of waiters.splice(0)) w(null);
  });
  const waitFor = (match: (p: Packet) => boolean, ms: number) =>
    new Promise<Packet | null>((resolve) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        resolve(null);
      }, ms);
      const waiter = (p: Packet | null) => {
        if (p === null) {
          clearTimeout(timer);
          resolve(null);
          return true;
        }
        if (!match(p)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      };
      waiters.push(waiter);
    });
  const prefix = (nsp: string) => (nsp === '/' ? '' : `${nsp},`);
  const args = (event: string, argJson: string | undefined) =>
    argJson === undefined ? `[${JSON.stringify(event)}]` : `[${JSON.stringify(event)},${argJson}]`;
  let nextId = 1_000_000;

  return {
    async connect(nsp, authJson) {
      if (closed) return { ok: false, closed: true };
      const answer = waitFor((p) => p.nsp === nsp && (p.type === CONNECT || p.type === CONNECT_ERROR), 10_000);
      manager.engine.write(`${CONNECT}${prefix(nsp)}${authJson}`);
      const p = await answer;
      if (!p && closed) return { ok: false, closed: true };
      if (!p) throw new Error(`no answer to CONNECT ${nsp}`);
      const data = p.data as { sid?: string; message?: string; data?: unknown };
      return p.type === CONNECT
        ? { ok: true, sid: String(data.sid) }
        : { ok: false, message: String(data.message), data: data.data };
    },
    async emitAck(nsp, event, argJson, ms = 10_000) {
      if (closed) return null;
      const id = nextId++;
      const answer = waitFor((p) => p.nsp === nsp && p.type === ACK && p.id === id, ms);
      manager.engine.write(`${EVENT}${prefix(nsp)}${id}${args(event, argJson)}`);
      const p = await answer;
      return p ? (p.data as unknown[])[0] : null;
    },
    emit(nsp, event, argJson) {
      manager.engine.write(`${EVENT}${prefix(nsp)}${args(event, argJson)}`);
    },
    received,
    get closed() {
      return closed;
    },
    close() {
      manager.engine.close();
    },
  };
}

/** `{"k":[[[...1...]]]}` nested `depth` levels: about 2 bytes a level, 20 KB for 10,000. */
export function deepJson(depth: number): string {
  return `{"k":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}
