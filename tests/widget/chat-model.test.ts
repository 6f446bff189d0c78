import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel, type ChatModel, type ChatModelOptions, type VisitorSocket } from '../../widget/chat-model.js';
import { createMemoryStorage, createSafeStorage, type KeyValueStorage } from '../../widget/safe-storage.js';
import { storageKeys } from '../../widget/storage-keys.js';
import { startFakeVisitorServer, type FakeVisitorServer } from './fake-visitor-server.js';

let server: FakeVisitorServer;
const models: ChatModel[] = [];
let where = { url: 'https://app.example/', title: 'Dashboard' };

beforeEach(async () => {
  server = await startFakeVisitorServer();
  where = { url: 'https://app.example/', title: 'Dashboard' };
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
    location: () => where,
    // Fast reconnects keep the suite quick; websocket-only keeps reconnection deterministic.
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

const visible = (m: ChatModel) => m.messages.value.map((v) => `${v.role}:${v.text}`);

describe('chat model over a real socket', () => {
  it('connects lazily, then sends identity, page and context in the handshake', async () => {
    const m = model();
    m.identify({ id: 'u_demo', name: 'Dana Demo', plan: 'business', accountValue: 12000 });
    m.setContext({ feature: 'integrations', errorState: 'slack_auth_failed' });
    m.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.handshakes).toHaveLength(0); // nothing to resume, nothing typed: no connection yet
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    expect(server.handshakes[0]).toEqual({
      page: {
        url: 'https://app.example/',
        title: 'Dashboard',
        context: { feature: 'integrations', errorState: 'slack_auth_failed' },
      },
      visitor: { id: 'u_demo', name: 'Dana Demo', plan: 'business', accountValue: 12000 },
    });
    await waitFor(() => m.conversationId.value === 'conv-1', 'session');
  });

  it('shows a message as pending at once, then exactly one confirmed copy, then the answer', async () => {
    server.autoReply = true;
    const m = model();
    expect(m.send('  How do I reconnect Slack?  ')).toBe(true);
    expect(m.messages.value).toMatchObject([
      { role: 'visitor', text: 'How do I reconnect Slack?', delivery: 'pending' },
    ]);
    await waitFor(() => m.messages.value.length === 2, 'answer');
    expect(visible(m)).toEqual(['visitor:How do I reconnect Slack?', 'ai:Answer to: How do I reconnect Slack?']);
    expect(m.messages.value[0]).toMatchObject({ delivery: 'sent', id: server.stored[0]!.id });
    expect(server.received[0]).toMatchObject({ page: { url: 'https://app.example/', title: 'Dashboard' } });
    expect(m.send('   ')).toBe(false);
    expect(m.send('x'.repeat(4001))).toBe(false);
  });

  it('sends a screenshot alone: the message carries the attachment ids and shows the file at once', async () => {
    const storage = createMemoryStorage();
    const shot = {
      id: 'att-1',
      name: 'error.png',
      contentType: 'image/png' as const,
      size: 1200,
      width: 40,
      height: 30,
    };
    const m = model(storage);
    expect(m.send('', [])).toBe(false);
    expect(m.send('  ', [shot])).toBe(true);
    expect(m.messages.value).toMatchObject([{ role: 'visitor', text: '', attachments: [shot], delivery: 'pending' }]);
    await waitFor(() => server.received.length === 1, 'delivered');
    expect(server.received[0]).toMatchObject({ text: '', attachments: ['att-1'] });
    await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'acked');
  });

  it('a lost ack: the reconnect sync finds the stored copy, so the visitor sees it once', async () => {
    const storage = createMemoryStorage();
    const m = model(storage);
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    server.dropAcks = 1;
    m.send('Are you there?');
    await new Promise((r) => setTimeout(r, 100));
    expect(m.messages.value[0]!.delivery).toBe('pending');
    expect(storage.get(`firstline:v1:${server.url}:outbox`)).toContain('Are you there?'); // survives a reload
    server.dropConnections();
    await waitFor(() => server.handshakes.length === 2, 'reconnect');
    await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'confirmed by sync');
    expect(server.stored.filter((s) => s.role === 'visitor')).toHaveLength(1);
    expect(visible(m)).toEqual(['visitor:Are you there?']);
    expect(storage.get(`firstline:v1:${server.url}:outbox`)).toBeNull();
  });

  it('a message lost in transit is re-sent with the same clientMessageId until acked', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    server.dropMessages = 1;
    m.send('Hello?');
    await new Promise((r) => setTimeout(r, 100));
    server.dropConnections();
    await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'delivered after reconnect');
    const attempts = server.received.filter((r) => r.text === 'Hello?');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((a) => a.clientMessageId)).size).toBe(1);
    expect(server.stored).toHaveLength(1);
    expect(visible(m)).toEqual(['visitor:Hello?']);
  });

  it('retries on ack timeout while the connection stays up', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    server.dropMessages = 1;
    m.send('Still there?');
    await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'delivered by the timed retry', 3000);
    expect(server.handshakes).toHaveLength(1);
    expect(server.stored).toHaveLength(1);
  });

  it('shows a refused message as failed and lets the visitor retry it', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    const [s] = server.sockets();
    s!.removeAllListeners('message');
    s!.on('message', (_msg, ack) => ack({ ok: false, error: { code: 'rate_limited', message: 'Slow down' } }));
    m.send('spam');
    await waitFor(() => m.messages.value[0]!.delivery === 'failed', 'failed');
    expect(m.messages.value[0]!.error).toBe('Slow down');
    s!.removeAllListeners('message');
    s!.on('message', (msg, ack) => ack({ ok: true, id: 'm-ok' }));
    m.retry(m.messages.value[0]!.clientMessageId!);
    await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'retried');
    expect(m.messages.value[0]!.id).toBe('m-ok');
  });

  it(
    "re-sends a message the server's limit refused after its retryAfterMs, " + 'shown once as pending, then sent',
    async () => {
      const m = model();
      m.open();
      await waitFor(() => m.connection.value === 'connected', 'connect');
      const [s] = server.sockets();
      s!.removeAllListeners('message');
      const attempts: Array<{ clientMessageId: string; at: number }> = [];
      s!.on('message', (msg, ack) => {
        attempts.push({ clientMessageId: msg.clientMessageId, at: Date.now() });
        if (attempts.length <= 2)
          return ack({ ok: false, error: { code: 'rate_limited', message: 'Slow down', retryAfterMs: 150 } });
        ack({ ok: true, id: 'm-late' });
      });
      m.send('Are you there?');
      await waitFor(() => attempts.length === 1, 'first attempt');
      await new Promise((r) => setTimeout(r, 50));
      expect(m.messages.value).toMatchObject([{ text: 'Are you there?', delivery: 'pending' }]); // waiting, not failed
      await waitFor(() => m.messages.value[0]!.delivery === 'sent', 'sent after two limited attempts');
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((a) => a.clientMessageId)).size).toBe(1); // the same message: the server dedupes
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(140);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(140);
      expect(visible(m)).toEqual(['visitor:Are you there?']);
      expect(m.messages.value[0]!.id).toBe('m-late');
    },
  );

  it('marks a limited message failed after three automatic re-sends, with its retry still offered', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    const [s] = server.sockets();
    s!.removeAllListeners('message');
    let attempts = 0;
    s!.on('message', (_msg, ack) => {
      attempts++;
      ack({ ok: false, error: { code: 'rate_limited', message: 'Slow down', retryAfterMs: 20 } });
    });
    m.send('spam');
    await waitFor(() => m.messages.value[0]!.delivery === 'failed', 'failed');
    expect(attempts).toBe(4); // the first send and three re-sends
    expect(m.messages.value).toHaveLength(1);
    // A wait longer than a minute is shown at once instead of keeping the message pending.
    s!.removeAllListeners('message');
    s!.on('message', (_msg, ack) => {
      attempts++;
      ack({ ok: false, error: { code: 'rate_limited', message: 'Try again in 10 minutes', retryAfterMs: 600_000 } });
    });
    m.retry(m.messages.value[0]!.clientMessageId!);
    await waitFor(() => m.messages.value[0]!.error === 'Try again in 10 minutes', 'failed again at once');
    expect(attempts).toBe(5);
  });

  it('after a drop, catches up on missed messages by sync and delivers what was typed offline', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    server.say('ai', 'Hello!');
    await waitFor(() => m.messages.value.length === 1, 'greeting');

    // Stop the client from reconnecting until we have made our offline changes.
    server.dropConnections();
    await waitFor(() => m.connection.value === 'reconnecting', 'reconnecting state');
    const handshakesBefore = server.handshakes.length;
    server.say('agent', 'Hi, Sam here.', { authorName: 'Sam' }); // nobody connected: only sync can deliver it
    server.status = 'assigned';
    m.send('Typed while offline');
    expect(m.messages.value.at(-1)).toMatchObject({ delivery: 'pending' });

    await waitFor(() => server.handshakes.length > handshakesBefore, 'reconnect');
    // The handshake names the last message seen, so the server can replay what came after it.
    expect(server.handshakes.at(-1)!.lastMessageId).toBe(server.stored[0]!.id);
    await waitFor(() => m.messages.value.every((v) => v.delivery !== 'pending'), 'outbox flushed');
    expect(visible(m)).toEqual(['ai:Hello!', 'agent:Hi, Sam here.', 'visitor:Typed while offline']);
    expect(m.agentName.value).toBe('Sam');
    expect(server.stored.filter((s) => s.text === 'Typed while offline')).toHaveLength(1);
  });

  it('resumes the conversation after a reload: token, full history, unsent messages re-sent', async () => {
    const storage = createMemoryStorage();
    const first = model(storage);
    first.open();
    await waitFor(() => first.conversationId.value === 'conv-1', 'session');
    server.say('ai', 'Earlier answer');
    await waitFor(() => first.messages.value.length === 1, 'message');
    server.dropAcks = 1;
    first.send('Sent just before reload');
    await new Promise((r) => setTimeout(r, 50));
    first.dispose();

    const second = model(storage);
    expect(second.messages.value).toMatchObject([{ text: 'Sent just before reload', delivery: 'pending' }]);
    second.start(); // a stored session: reconnect without waiting for the visitor
    await waitFor(() => second.connection.value === 'connected', 'reconnect');
    expect(server.handshakes.at(-1)!.token).toBe('tok-1');
    await waitFor(() => second.messages.value.every((v) => v.delivery !== 'pending'), 'resend');
    expect(visible(second)).toEqual(['ai:Earlier answer', 'visitor:Sent just before reload']);
    expect(server.stored.filter((s) => s.role === 'visitor')).toHaveLength(1);
  });

  it('follows handoff, queue updates, agent joining, typing and resolution', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    const [s] = server.sockets();
    s!.emit('handoff', {
      conversationId: 'conv-1',
      reason: 'asked_for_human',
      queuePosition: 3,
      etaSeconds: 240,
      agentsOnline: 1,
    });
    await waitFor(() => m.queue.value?.position === 3, 'queue');
    s!.emit('handoff', {
      conversationId: 'conv-1',
      reason: 'asked_for_human',
      queuePosition: 1,
      etaSeconds: 30,
      agentsOnline: 1,
    });
    await waitFor(() => m.queue.value?.position === 1, 'queue update');
    // As the real server does: the event, then the stored system message. One "joined" line shows.
    s!.emit('agent:joined', { name: 'Sam' });
    server.say('system', 'Sam joined the conversation.');
    await waitFor(() => m.agentName.value === 'Sam', 'agent');
    await waitFor(() => m.messages.value.length === 1, 'joined message');
    expect(m.queue.value).toBeNull();
    expect(visible(m)).toEqual(['system:Sam joined the conversation.']);
    s!.emit('typing', { role: 'agent', typing: true });
    await waitFor(() => m.typing.value === 'agent', 'typing');
    server.say('agent', 'On it', { authorName: 'Sam' });
    await waitFor(() => m.typing.value === null, 'typing cleared by the message');
    s!.emit('conversation:resolved', { conversationId: 'conv-1' });
    await waitFor(() => m.messages.value.length === 3, 'resolved notice');
    expect(m.messages.value[2]).toMatchObject({ role: 'system', local: true });
    expect(m.agentName.value).toBeNull();
    expect(m.send('One more thing')).toBe(true); // the visitor can keep writing
  });

  it('shows a streamed answer as it is written, then the final message in its place', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    const [s] = server.sockets();
    s!.emit('typing', { role: 'ai', typing: true });
    s!.emit('message:delta', { conversationId: 'conv-1', replyTo: 'v9', delta: 'Open ' });
    s!.emit('message:delta', { conversationId: 'conv-1', replyTo: 'v9', delta: 'Settings' });
    await waitFor(() => m.messages.value[0]?.text === 'Open Settings', 'draft');
    expect(m.messages.value[0]).toMatchObject({ role: 'ai', streaming: true });
    expect(m.typing.value).toBeNull();
    server.say('ai', 'Open Settings, then Integrations.', { replyTo: 'v9' });
    await waitFor(() => m.messages.value[0]?.fromServer === true, 'final');
    expect(visible(m)).toEqual(['ai:Open Settings, then Integrations.']);
  });

  it('reports route changes once per change, with the current context', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    where = { url: 'https://app.example/settings/integrations', title: 'Integrations' };
    m.pageChanged(); // history.pushState
    m.setContext({ feature: 'integrations', errorState: 'slack_auth_failed' }); // the host, right after
    await waitFor(() => server.pages.length === 1, 'page event');
    await new Promise((r) => setTimeout(r, 60));
    expect(server.pages).toEqual([
      {
        url: 'https://app.example/settings/integrations',
        title: 'Integrations',
        context: { feature: 'integrations', errorState: 'slack_auth_failed' },
      },
    ]);
    m.reportPage(); // unchanged: not re-sent
    m.setContext(undefined); // the loader turns setContext(null) into undefined
    await waitFor(() => server.pages.length === 2, 'cleared context');
    expect(server.pages[1]).toEqual({ url: 'https://app.example/settings/integrations', title: 'Integrations' });
  });

  it('works when storage is blocked', async () => {
    const blocked = createSafeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    server.autoReply = true;
    const m = model(blocked);
    m.send('hello');
    await waitFor(() => m.messages.value.length === 2, 'answer');
    expect(m.conversationId.value).toBe('conv-1');
  });

  it('starts fresh when a different user identifies on the same browser', async () => {
    const storage = createMemoryStorage();
    const a = model(storage);
    a.identify({ id: 'alice' });
    a.open();
    await waitFor(() => a.conversationId.value === 'conv-1', 'session');
    a.dispose();

    const b = model(storage);
    b.identify({ id: 'bob' });
    b.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.handshakes).toHaveLength(1); // no resume attempt with alice's token
    b.open();
    await waitFor(() => server.handshakes.length === 2, 'bob connects');
    expect(server.handshakes[1]!.token).toBeUndefined();
    expect(server.handshakes[1]!.visitor).toEqual({ id: 'bob' });
  });

  it('re-handshakes when identity changes on a live connection, and closes its socket on dispose', async () => {
    const m = model();
    m.open();
    await waitFor(() => m.connection.value === 'connected', 'connect');
    m.identify({ id: 'u1', email: 'dana@example.com' });
    m.identify({ id: 'u1', email: 'dana@example.com' }); // same again: no second reconnect
    await waitFor(() => server.handshakes.length === 2 && m.connection.value === 'connected', 're-handshake');
    expect(server.handshakes[1]).toMatchObject({ token: 'tok-1', visitor: { id: 'u1', email: 'dana@example.com' } });
    m.dispose();
    await waitFor(() => server.sockets().length === 0, 'server sees the socket close');
    expect(m.connection.value).toBe('idle');
  });
});
