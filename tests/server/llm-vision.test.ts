import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, nextEvent, startTestServer } from '../helpers/test-server.js';

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

describe(`screenshots sent to a model that reads images (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const fake = new FakeOpenAiServer();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await fake.start();
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_CHAT_MODEL: 'fake-vision',
      OPENAI_TIMEOUT_MS: '3000',
      OPENAI_VISION: '1',
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
    await fake.stop();
  });

  it(
    'puts the attached screenshot, without its EXIF, ' +
      'after the question in the answering request (the real openai client)',
    async () => {
      fake.reply = () => ({ text: 'That banner means the card expired: update it in Settings > Billing [1].' });
      const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
      sockets.push(s);
      const { token } = await nextEvent<{ token: string }>(s, 'session');
      const shot = await sharp({ create: { width: 32, height: 24, channels: 3, background: 'orange' } })
        .jpeg()
        .withExif({ IFD0: { Artist: 'Jane Secret' } })
        .toBuffer();
      const res = await fetch(`${server.url}/api/visitor/attachments?name=banner.jpg`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: shot as Uint8Array<ArrayBuffer>,
      });
      const ref = (await res.json()) as AttachmentRef;

      const answer = nextEvent<ChatMessage>(s, 'message', (m) => m.role === 'ai');
      await emitAck(s, 'message', {
        clientMessageId: 'v1',
        text: 'How do I change my billing email? It shows this banner',
        attachments: [ref.id],
      });
      expect((await answer).text).toContain('Settings > Billing');

      const answering = fake.requests.find((r) => r.stream && r.model === 'fake-vision')!;
      const user = answering.messages.find((m) => m.role === 'user')!.content as unknown as Part[];
      expect(Array.isArray(user)).toBe(true);
      expect(user[0]).toMatchObject({
        type: 'text',
        text: expect.stringMatching(/<question>[\s\S]*billing email[\s\S]*attached an image/),
      });
      const image = user.find((p): p is Extract<Part, { type: 'image_url' }> => p.type === 'image_url')!;
      expect(image.image_url.url).toMatch(/^data:image\/jpeg;base64,/);
      const sent = Buffer.from(image.image_url.url.split(',')[1]!, 'base64');
      expect((await sharp(sent).metadata()).width).toBe(32);
      expect(sent.includes(Buffer.from('Jane Secret'))).toBe(false);
      // The system prompt stays plain text.
      expect(typeof answering.messages.find((m) => m.role === 'system')!.content).toBe('string');
    },
  );
});
