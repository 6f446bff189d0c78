import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatModel, type ChatModel, type VisitorSocket } from '../../widget/chat-model.js';
import { feedbackTarget } from '../../widget/components/Transcript.js';
import type { ViewMessage } from '../../widget/message-list.js';
import type { FeedbackIn } from '../../protocol/visitor-socket.js';
import { WIDGET_TEXT_EN } from '../../protocol/messages/en-widget.js';
import { widgetText } from '../../protocol/messages/catalogue.js';
import { createMemoryStorage } from '../../widget/safe-storage.js';
import { storageKeys } from '../../widget/storage-keys.js';
import { startFakeVisitorServer, type FakeVisitorServer } from './fake-visitor-server.js';

const view = (role: ViewMessage['role'], id: string, extra: Partial<ViewMessage> = {}): ViewMessage => ({
  key: id,
  id,
  role,
  text: id,
  createdAt: '2025-01-01T00:00:00Z',
  fromServer: true,
  ...extra,
});

describe('feedbackTarget', () => {
  it('is the latest AI answer while the visitor has not written since', () => {
    expect(
      feedbackTarget([
        view('visitor', 'v1'),
        view('ai', 'a1'),
        view('system', 's1', { local: true, fromServer: false }),
      ]),
    ).toBe('a1');
    expect(feedbackTarget([view('ai', 'a1'), view('visitor', 'v2')])).toBeNull();
    expect(
      feedbackTarget([view('visitor', 'v1'), view('ai', 'draft', { streaming: true, fromServer: false })]),
    ).toBeNull();
    expect(feedbackTarget([view('visitor', 'v1'), view('agent', 'g1')])).toBeNull();
  });
});

describe('"Did this help?" over a real socket', () => {
  let server: FakeVisitorServer;
  let model: ChatModel;
  const received: FeedbackIn[] = [];
  let answer: { ok: boolean; resolved?: boolean } | null = { ok: true, resolved: false };

  beforeEach(async () => {
    server = await startFakeVisitorServer();
    received.length = 0;
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
      s.on('feedback', (p, ack) => {
        received.push(p);
        if (answer) ack(answer as { ok: true; resolved: boolean });
      });
    }
  });
  afterEach(async () => {
    model.dispose();
    await server.close();
  });

  it('sends the answer id and "no"; the answer line, in the visitor language, says a person takes over', async () => {
    const ai = server.say('ai', 'Open Settings > Billing.');
    await until(() => model.messages.value.some((m) => m.id === ai.id));
    const before = model.messages.value.length;
    model.sendFeedback(ai.id, false);
    await until(() => model.feedback.value[ai.id] === 'no');
    expect(received).toEqual([{ messageId: ai.id, helpful: false }]);
    // "no" renders `fbNo` under the answer (MessageItem); no English-only notice joins the transcript.
    expect(WIDGET_TEXT_EN.fbNo).toMatch(/person from our team/);
    for (const lang of ['de', 'fr', 'es'] as const) expect(widgetText(lang).fbNo).not.toBe(WIDGET_TEXT_EN.fbNo);
    expect(model.messages.value).toHaveLength(before);
    model.sendFeedback(ai.id, true); // already answered: nothing more is sent
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
  });

  it('marks "yes" and lets the visitor try again when the server does not answer', async () => {
    const ai = server.say('ai', 'Open Settings > Billing.');
    await until(() => model.messages.value.some((m) => m.id === ai.id));
    answer = null;
    model.sendFeedback(ai.id, true);
    expect(model.feedback.value[ai.id]).toBe('sending');
    await until(() => model.feedback.value[ai.id] === 'failed');
    answer = { ok: true, resolved: true };
    model.sendFeedback(ai.id, true);
    await until(() => model.feedback.value[ai.id] === 'yes');
  });
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
