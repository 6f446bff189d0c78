// The /agent socket: one per signed-in console, closed when the model is disposed.
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import type { AgentClientToServer, AgentServerToClient } from '../../protocol/agent-socket.js';
import type { Ack } from '../../protocol/visitor-socket.js';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
export type ConnectFn = (token: string) => AgentSocket;

export interface RealtimeOptions {
  token: string;
  onUnauthorized: () => void;
  connect?: ConnectFn;
  ackTimeoutMs?: number;
}

const connectAgentSocket: ConnectFn = (token) => io('/agent', { path: '/socket.io', auth: { token } });

/** Turns an ack (or a missing one) into a plain result the UI can show. */
async function ackResult<T extends object>(
  p: Promise<Ack<T>>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    const a = await p;
    if (a && a.ok) return { ok: true, value: a };
    return { ok: false, error: a?.error?.message || 'The server refused the request.' };
  } catch {
    return { ok: false, error: "The server didn't answer in time. Check the connection and try again." };
  }
}

export const RealtimeModel = createModel(
  ({ token, onUnauthorized, connect = connectAgentSocket, ackTimeoutMs = 10_000 }: RealtimeOptions) => {
    const connected = signal(false);
    /** Counts successful connections; every one after the first means events may have been missed. */
    const connects = signal(0);
    const error = signal<string | null>(null);

    const socket = connect(token);
    socket.on('connect', () => {
      connected.value = true;
      error.value = null;
      connects.value++;
    });
    socket.on('disconnect', () => {
      connected.value = false;
    });
    socket.on('connect_error', (err) => {
      connected.value = false;
      // An inactive socket means the server refused the handshake and will not be retried.
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (!socket.active && (code === 'unauthorized' || /unauthori[sz]ed|sign in/i.test(err.message))) onUnauthorized();
      else error.value = socket.active ? 'Reconnecting…' : err.message || 'Connection refused.';
    });
    effect(() => () => {
      socket.close();
    });

    return {
      connected: connected as ReadonlySignal<boolean>,
      connects: connects as ReadonlySignal<number>,
      error: error as ReadonlySignal<string | null>,
      on<E extends keyof AgentServerToClient>(event: E, handler: AgentServerToClient[E]): () => void {
        const h = handler as never;
        socket.on(event, h);
        return () => void socket.off(event, h);
      },
      claim(conversationId: string) {
        return ackResult(socket.timeout(ackTimeoutMs).emitWithAck('claim', { conversationId }));
      },
      send(conversationId: string, clientMessageId: string, text: string) {
        return ackResult(
          socket.timeout(ackTimeoutMs).emitWithAck('message', { conversationId, clientMessageId, text }),
        );
      },
      resolve(conversationId: string) {
        return ackResult(socket.timeout(ackTimeoutMs).emitWithAck('resolve', { conversationId }));
      },
      presence(status: 'online' | 'away') {
        return ackResult(socket.timeout(ackTimeoutMs).emitWithAck('presence', { status }));
      },
    };
  },
);

export type Realtime = InstanceType<typeof RealtimeModel>;
