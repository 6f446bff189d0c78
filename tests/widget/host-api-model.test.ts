// What the chat model does for the host page API: shutdown (log-out) forgets the visitor on this
// device and the next visitor starts fresh; `message` and `handoff` events reach the host once each.
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel, type ChatModel, type ChatModelOptions, type VisitorSocket } from '../../widget/chat-model.js';
import { createMemoryStorage, type KeyValueStorage } from '../../widget/safe-storage.js';
import { storageKeys } from '../../widget/storage-keys.js';
import { startFakeVisitorServer, type FakeVisitorServer } from './fake-visitor-server.js';

let server: FakeVisitorServer;
const models: ChatModel[] = [];

beforeEach(async () => {
  server = await startFakeVisitorServer();
});
afterEach(async () => {
  for (const m of models.splice(0)) m.dispose();
  await server.close();
});

function model(storage: KeyValueStorage = createMemoryStorage(), extra: Partial<ChatModelOptions> = {}): ChatModel {
  const m = createChatModel({
    serverUrl: server.url,
    storage,
    keys: storageKeys(server.url),
    location: () => ({ url: 'https://app.example/', title: 'Dashboard' }),
    createSocket: (url, opts) =>
      io(url, { ...opts, transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 }) as VisitorSocket,
    ackTimeoutMs: 500,
    pageDebounceMs: 20,
    refusedRetryMs: 50,
    ...extra,
  });
  models.push(m);
  return m;
}

async function waitFor(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('host page API in the chat model', () => {
  it(
    'shutdown: forgets conversation, identity and unsent text, ' + 'disconnects; the next open starts a fresh session',
    async () => {
      const storage = createMemoryStorage();
      const keys = storageKeys(server.url);
      const m = model(storage);
      m.identify({ id: 'u_1', name: 'Dana', email: 'dana@example.com' });
      m.open();
      m.send('My invoice is wrong');
      await waitFor(() => m.messages.value.some((v) => v.delivery === 'sent'), 'sent');
      server.dropMessages = 1;
      m.send('Still typing when I log out');
      await waitFor(() => server.received.length === 2 && storage.get(keys.outbox) !== null, 'unacked, in the outbox');
      expect(storage.get(keys.session)).not.toBeNull();

      m.shutdown();
      expect(storage.get(keys.session)).toBeNull();
      expect(storage.get(keys.outbox)).toBeNull();
      expect(m.messages.value).toEqual([]);
      expect(m.isOpen.value).toBe(false);
      expect(m.conversationId.value).toBeNull();
      expect(m.knownEmail.value).toBeNull();
      expect(m.connection.value).toBe('idle');
      await waitFor(() => server.sockets().length === 0, 'disconnected');

      // Someone else, anonymous, on the same browser: no token, no identity, nothing re-sent.
      m.open();
      await waitFor(() => server.handshakes.length === 2, 'second handshake');
      expect(server.handshakes[1]).not.toHaveProperty('token');
      expect(server.handshakes[1]).not.toHaveProperty('visitor');
      expect(server.handshakes[1]).not.toHaveProperty('lastMessageId');
      await new Promise((r) => setTimeout(r, 100));
      expect(server.received.map((r) => r.text)).toEqual(['My invoice is wrong', 'Still typing when I log out']);
    },
  );

  it('tells the host each new message once (not the history on reload) and each handoff once', async () => {
    const storage = createMemoryStorage();
    server.autoReply = true;
    const events: [string, unknown][] = [];
    const first = model(storage, { onEvent: (name, payload) => events.push([name, payload]) });
    first.open();
    first.send('Hello');
    await waitFor(() => events.length === 2, 'two messages');
    expect(events).toMatchObject([
      ['message', { role: 'visitor', text: 'Hello', conversationId: 'conv-1' }],
      ['message', { role: 'ai', text: 'Answer to: Hello' }],
    ]);
    const [s] = server.sockets();
    s!.emit('handoff', {
      conversationId: 'conv-1',
      reason: 'asked_for_human',
      queuePosition: 2,
      etaSeconds: 120,
      agentsOnline: 1,
    });
    s!.emit('handoff', {
      conversationId: 'conv-1',
      reason: 'asked_for_human',
      queuePosition: 1,
      etaSeconds: 60,
      agentsOnline: 1,
    });
    await waitFor(() => first.queue.value?.position === 1, 'queue update');
    expect(events.filter(([n]) => n === 'handoff')).toEqual([
      ['handoff', { conversationId: 'conv-1', reason: 'asked_for_human', queuePosition: 2, etaSeconds: 120 }],
    ]);
    first.dispose();

    // A reload: the history comes back, but it is not news.
    const reloaded: string[] = [];
    const again = model(storage, { onEvent: (name) => reloaded.push(name) });
    again.start();
    await waitFor(() => again.messages.value.length === 2, 'history');
    server.say('agent', 'Hi, Sam here');
    await waitFor(() => reloaded.length === 1, 'the new message');
    expect(reloaded).toEqual(['message']);
  });
});
