import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { ChatMessage, ConversationStatus, PageInfo } from '../../protocol/domain.js';
import type {
  VisitorAuth,
  VisitorClientToServer,
  VisitorMessageIn,
  VisitorServerToClient,
} from '../../protocol/visitor-socket.js';

/**
 * A stand-in for the real /visitor namespace, just enough of the contract to exercise the widget
 * model over a real socket.io connection: sessions by token, dedupe by clientMessageId, echo, sync.
 */
export interface FakeVisitorServer {
  url: string;
  handshakes: VisitorAuth[];
  pages: PageInfo[];
  received: VisitorMessageIn[];
  stored: ChatMessage[];
  /** Store the next N messages but never ack or echo them (a lost ack). */
  dropAcks: number;
  /** Ignore the next N messages entirely (lost in transit). */
  dropMessages: number;
  /** Conversation status sent in `session`. */
  status: ConversationStatus;
  /** Reply to every visitor message with an AI message. */
  autoReply: boolean;
  sockets(): Socket<VisitorClientToServer, VisitorServerToClient>[];
  /** Sends a message from the server side (AI or agent) to everyone in the conversation. */
  say(role: ChatMessage['role'], text: string, extra?: Partial<ChatMessage>): ChatMessage;
  /** Breaks the transport (not a clean server disconnect), so the client reconnects by itself. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startFakeVisitorServer(): Promise<FakeVisitorServer> {
  const http = createServer();
  const io = new Server<VisitorClientToServer, VisitorServerToClient>(http, { path: '/socket.io' });
  const nsp = io.of('/visitor');
  let seq = 0;
  const conversationId = 'conv-1';
  const token = 'tok-1';
  const nextTime = () => new Date(Date.UTC(2025, 0, 1, 0, 0, 0, ++seq)).toISOString();

  const server: FakeVisitorServer = {
    url: '',
    handshakes: [],
    pages: [],
    received: [],
    stored: [],
    dropAcks: 0,
    dropMessages: 0,
    autoReply: false,
    status: 'bot',
    sockets: () => [...nsp.sockets.values()],
    say(role, text, extra = {}) {
      const m: ChatMessage = { id: `m${++seq}`, conversationId, role, text, createdAt: nextTime(), ...extra };
      server.stored.push(m);
      nsp.to(conversationId).emit('message', m);
      return m;
    },
    dropConnections() {
      for (const s of nsp.sockets.values()) s.conn.close();
    },
    close: () =>
      new Promise((resolve) => {
        void io.close(() => resolve());
      }),
  };

  nsp.on('connection', (socket) => {
    const auth = socket.handshake.auth as VisitorAuth;
    server.handshakes.push(auth);
    void socket.join(conversationId);
    socket.emit('session', { conversationId, token, status: server.status });

    socket.on('page', (p) => server.pages.push(p));
    socket.on('sync', (p, ack) => {
      const from = p?.afterId ? server.stored.findIndex((m) => m.id === p.afterId) + 1 : 0;
      ack({ ok: true, messages: server.stored.slice(from) });
    });
    socket.on('message', (m, ack) => {
      server.received.push(m);
      if (server.dropMessages > 0) {
        server.dropMessages--;
        return;
      }
      if (!m?.text?.trim() && !m?.attachments?.length)
        return ack({ ok: false, error: { code: 'invalid', message: 'message text is empty' } });
      const existing = server.stored.find((s) => s.clientMessageId === m.clientMessageId);
      if (existing) return ack({ ok: true, id: existing.id }); // dedupe: the same clientMessageId stores one message
      const stored: ChatMessage = {
        id: `m${++seq}`,
        conversationId,
        clientMessageId: m.clientMessageId,
        role: 'visitor',
        text: m.text.trim(),
        createdAt: nextTime(),
      };
      server.stored.push(stored);
      if (server.dropAcks > 0) {
        server.dropAcks--;
        return;
      }
      ack({ ok: true, id: stored.id });
      nsp.to(conversationId).emit('message', stored);
      if (server.autoReply) server.say('ai', `Answer to: ${stored.text}`);
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}
