import { WebSocket as EngineWebSocket } from 'socket.io-client';
import type { WarmSocket } from './socket-warmup.js';

/**
 * engine.io's WebSocket transport, taking the socket the loader opened ahead (socket-warmup.ts)
 * instead of dialling again. engine.io attaches its handlers right after `createSocket` returns;
 * a microtask later (before any network event can run) it is told what it missed: the socket is
 * already open, and the frames that came meanwhile.
 */
export function adoptingWebSocket(take: (url: string) => WarmSocket | null): typeof EngineWebSocket {
  return class AdoptingWebSocket extends EngineWebSocket {
    override createSocket(
      uri: string,
      protocols: string | string[] | undefined,
      opts: Record<string, unknown>,
    ): WebSocket {
      const ws = take(uri);
      if (!ws) return super.createSocket(uri, protocols, opts) as WebSocket;
      queueMicrotask(() => {
        if (ws.readyState !== WebSocket.OPEN) return; // still connecting: engine.io hears onopen itself
        ws.onopen?.(new Event('open'));
        for (const e of ws.q.splice(0)) ws.onmessage?.(e);
      });
      return ws;
    }
  };
}
