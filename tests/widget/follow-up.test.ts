import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel, type ChatModel, type VisitorSocket } from '../../widget/chat-model.js';
import { isEmail, ratingLabel, validScore } from '../../widget/follow-up.js';
import type { ContactIn, CsatIn } from '../../protocol/visitor-socket.js';
import { createMemoryStorage } from '../../widget/safe-storage.js';
import { storageKeys } from '../../widget/storage-keys.js';
import { startFakeVisitorServer, type FakeVisitorServer } from './fake-visitor-server.js';

describe('follow-up helpers', () => {
  it('checks emails loosely', () => {
    expect(isEmail('dana@example.com')).toBe(true);
    expect(isEmail('  dana@example.com ')).toBe(true);
    expect(isEmail('dana@example')).toBe(false);
    expect(isEmail('no at sign')).toBe(false);
    expect(isEmail('')).toBe(false);
  });
  it('labels ratings and accepts only 1..5', () => {
    expect(ratingLabel(1)).toBe('1 of 5, Very bad');
    expect(ratingLabel(5)).toBe('5 of 5, Very good');
    expect([0, 1, 3.5, 5, 6, '4'].map(validScore)).toEqual([false, true, false, true, false, false]);
  });
});

describe('continue by email and CSAT over a real socket', () => {
  let server: FakeVisitorServer;
  let model: ChatModel;
  const contacts: ContactIn[] = [];
  const ratings: CsatIn[] = [];
  let ok = true;

  beforeEach(async () => {
    server = await startFakeVisitorServer();
    contacts.length = 0;
    ratings.length = 0;
    ok = true;
    model = createChatModel({
      serverUrl: server.url,
      storage: createMemoryStorage(),
      keys: storageKeys(server.url),
      location: () => ({ url: 'https://app.example/', title: 'App' }),
      createSocket: (url, opts) => io(url, { ...opts, transports: ['websocket'] }) as VisitorSocket,
      ackTimeoutMs: 300,
    });
    model.open();
    await until(() => model.connection.value === 'connected');
    for (const s of server.sockets()) {
      s.on('contact', (p, ack) => {
        contacts.push(p);
        ack(ok ? { ok: true } : { ok: false, error: { code: 'bad', message: 'no' } });
      });
      s.on('csat', (p, ack) => {
        ratings.push(p);
        ack(ok ? { ok: true } : { ok: false, error: { code: 'bad', message: 'no' } });
      });
    }
  });
  afterEach(async () => {
    model.dispose();
    await server.close();
  });

  it('offers email only when nobody is online, and sends it', async () => {
    const [s] = server.sockets();
    s!.emit('handoff', { conversationId: 'c', reason: 'r', queuePosition: 1, etaSeconds: 60, agentsOnline: 2 });
    await until(() => model.queue.value !== null);
    expect(model.nobodyOnline.value).toBe(false);
    s!.emit('handoff', { conversationId: 'c', reason: 'r', queuePosition: 1, etaSeconds: 60, agentsOnline: 0 });
    await until(() => model.nobodyOnline.value);
    // Nobody online: the queue notice carries that instead of a position and a wait.
    expect(model.queue.value).toMatchObject({ agentsOnline: 0 });
    expect(model.sendContact('not an email')).toBe(false);
    expect(model.sendContact(' dana@example.com ')).toBe(true);
    await until(() => model.contact.value === 'saved');
    expect(contacts).toEqual([{ email: 'dana@example.com' }]);
  });

  it('knows the email the host page passed through identify, to prefill the form', () => {
    expect(model.knownEmail.value).toBeNull();
    model.identify({ id: 'u-1', email: ' dana@example.com ' });
    expect(model.knownEmail.value).toBe('dana@example.com');
    model.identify({ id: 'u-1', email: 'not-an-email' });
    expect(model.knownEmail.value).toBeNull();
  });

  it('asks for a rating only when the server says so, sends it once, and allows a retry after a failure', async () => {
    const [s] = server.sockets();
    s!.emit('conversation:resolved', { conversationId: 'c', csat: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(model.csat.value).toBe('hidden');
    s!.emit('conversation:resolved', { conversationId: 'c', csat: true });
    await until(() => model.csat.value === 'asking');
    model.sendCsat(9);
    expect(model.csat.value).toBe('asking');
    ok = false;
    model.sendCsat(2);
    await until(() => model.csat.value === 'failed');
    ok = true;
    model.sendCsat(4, '  quick and kind ');
    await until(() => model.csat.value === 'done');
    model.sendCsat(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(ratings).toEqual([{ score: 2 }, { score: 4, comment: 'quick and kind' }]);
  });
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
