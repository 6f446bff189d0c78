/** A WebSocket opened by the loader, with the frames that arrived before the chat took it. */
export type WarmSocket = WebSocket & { q: MessageEvent[] };

export interface SocketWarmup {
  /** The visitor is about to open the chat: open the engine.io WebSocket now, alongside the chunk download. */
  warm(): void;
  /**
   * The chat's first connection takes the open socket (if it is for `url` and still usable); later ones open their own.
   */
  take(url: string): WarmSocket | null;
}

/**
 * Opens socket.io's WebSocket while the chat chunk is still downloading, so the handshake is done
 * by the time the chat runs: only the engine.io connection (no namespace, no session, nothing
 * stored), which the server closes by itself if nobody joins it (its connectTimeout). Only before
 * the chat's first connection: the chat connects by itself afterwards.
 */
export function createSocketWarmup(serverUrl: string): SocketWarmup {
  const url = `${serverUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  let socket: WarmSocket | null = null;
  let taken = false;
  return {
    warm() {
      if (taken || socket) return;
      try {
        const ws = new WebSocket(url) as WarmSocket;
        ws.q = [];
        // engine.io replaces onmessage when it takes the socket; until then, keep what comes.
        ws.onmessage = (e) => ws.q.push(e);
        socket = ws;
      } catch {
        // A page's connect-src may refuse it: the chat then dials (and reports why it cannot) itself.
      }
    },
    take(wanted) {
      taken = true;
      const ws = socket;
      socket = null;
      // readyState 0 connecting, 1 open; a closing or closed one, or one for another URL, is no use.
      if (ws && wanted === url && ws.readyState < 2) return ws;
      ws?.close();
      return null;
    },
  };
}
