// The /visitor socket's life: created lazily, reconnected by socket.io, retried by us after a refusal.
import { signal } from '@preact/signals';
import { Fetch, io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../../protocol/visitor-socket.js';
import { adoptingWebSocket } from '../adopting-websocket.js';
import type { WarmSocket } from '../socket-warmup.js';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => VisitorSocket;

/**
 * idle: no socket yet (the widget connects lazily) · connecting: first attempt ·
 * connected · reconnecting: lost and retrying · unavailable: the server refused us; retrying slowly.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

export interface ConnectionOptions {
  serverUrl: string;
  createSocket?: SocketFactory;
  takeSocket?: ((url: string) => WarmSocket | null) | undefined;
  /** Delay before trying again after the server refused the connection. */
  refusedRetryMs?: number;
  /** The handshake, computed afresh for every attempt. */
  auth: () => VisitorAuth;
  /** Adds the other models' listeners to a new socket. */
  bind: (s: VisitorSocket) => void;
  /** After every (re)connect. */
  onConnect: () => void;
  /** The server refused a handshake that names the token: forget it and say whether there was one to forget. */
  dropToken: () => boolean;
}

const TOKEN_ERROR = /token|session|expired|unauthori[sz]ed/i;

export function createConnection({
  serverUrl,
  createSocket = io as unknown as SocketFactory,
  takeSocket,
  refusedRetryMs = 15_000,
  auth,
  bind,
  onConnect,
  dropToken,
}: ConnectionOptions) {
  const state = signal<ConnectionState>('idle');
  let socket: VisitorSocket | null = null;
  let disposed = false;
  let triedWithoutToken = false;
  let reconnectQueued = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function retryLater(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket?.connect(), refusedRetryMs);
  }

  function ensure(): void {
    if (disposed) return;
    if (socket) {
      if (!socket.connected && !socket.active) socket.connect();
      return;
    }
    state.value = 'connecting';
    const s = createSocket(`${serverUrl}/visitor`, {
      path: '/socket.io',
      // A function, so every reconnect sends the current token, identity, page and sync cursor.
      auth: (cb) => cb(auth()),
      withCredentials: false,
      reconnectionDelayMax: 10_000,
      // WebSocket first: one round trip to a live chat instead of a long-polling handshake and an
      // upgrade. Where WebSockets are blocked (some proxies), polling takes over in the same attempt.
      transports: takeSocket ? [adoptingWebSocket(takeSocket), Fetch] : ['websocket', 'polling'],
      tryAllTransports: true,
    });
    socket = s;

    s.on('connect', () => {
      clearTimeout(retryTimer);
      state.value = 'connected';
      triedWithoutToken = false;
      onConnect();
    });
    s.on('disconnect', (reason) => {
      // 'io client disconnect' is ours (dispose or an identity change that reconnects).
      state.value = reason === 'io client disconnect' ? (reconnectQueued ? 'connecting' : 'idle') : 'reconnecting';
      // socket.io does not retry after the server closed us on purpose; try again later ourselves.
      if (reason === 'io server disconnect') retryLater();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (s.active) {
        // socket.io keeps retrying by itself (network trouble, server restarting); say so.
        state.value = 'reconnecting';
        return;
      }
      // The server refused the handshake. A stale token is the likely cause once; after that, back off.
      if (!triedWithoutToken && TOKEN_ERROR.test(`${err.message} ${err.data?.code ?? ''}`) && dropToken()) {
        triedWithoutToken = true;
        s.connect();
        return;
      }
      state.value = 'unavailable';
      retryLater();
    });
    bind(s);
  }

  return {
    state,
    /** The socket while it is connected, else null. */
    live: (): VisitorSocket | null => (socket?.connected ? socket : null),
    ensure,
    /**
     * Re-handshakes a live or retrying socket so the server sees new identity data; coalesced when several calls come
     * at once.
     */
    renew(): void {
      if (!socket || !(socket.connected || socket.active) || reconnectQueued) return;
      reconnectQueued = true;
      queueMicrotask(() => {
        const s = socket;
        if (s && !disposed) {
          s.disconnect();
          reconnectQueued = false;
          s.connect();
        } else {
          reconnectQueued = false;
        }
      });
    },
    /** Closes the socket; `forever` (dispose) also refuses to open another. */
    close(forever?: boolean): void {
      disposed ||= !!forever;
      clearTimeout(retryTimer);
      const s = socket;
      socket = null;
      if (s) {
        s.removeAllListeners();
        s.close();
      }
      state.value = 'idle';
    },
  };
}
