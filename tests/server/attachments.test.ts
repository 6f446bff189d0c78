import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { tinyPdf } from '../helpers/tiny-pdf.js';

const MAX_KB = 60;
const PER_CONVERSATION = 3;

/** A small screenshot-like PNG. */
const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .png()
    .toBuffer();

describe(`visitor attachments (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const sockets: Socket[] = [];

  async function visitor() {
    const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
    sockets.push(s);
    const session = await nextEvent<{ conversationId: string; token: string }>(s, 'session');
    return { s, ...session };
  }
  const upload = (token: string, bytes: Uint8Array, name: string, type = 'application/octet-stream') =>
    fetch(`${server.url}/api/visitor/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
  const agentGet = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(
      tdb.db,
      { ATTACHMENT_MAX_MB: String(MAX_KB / 1024), ATTACHMENTS_PER_CONVERSATION: String(PER_CONVERSATION) },
      { startWorkers: false },
    );
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it(
    'a screenshot uploaded, then sent with a message, ' +
      'reaches the agent as a PNG preview and the visitor transcript',
    async () => {
      const v = await visitor();
      const res = await upload(v.token, await png(), 'Screen Shot 2026-12-01.png', 'image/png');
      expect(res.status).toBe(201);
      const ref = (await res.json()) as AttachmentRef;
      expect(ref).toMatchObject({
        name: 'Screen Shot 2026-12-01.png',
        contentType: 'image/png',
        width: 64,
        height: 48,
      });

      const ack = await emitAck(v.s, 'message', {
        clientMessageId: 'shot-1',
        text: 'This error shows on checkout',
        attachments: [ref.id],
      });
      expect(ack.ok).toBe(true);
      const echoed = await nextEvent<ChatMessage>(v.s, 'message', (m) => m.clientMessageId === 'shot-1');
      expect(echoed.attachments).toEqual([ref]);
      await server.idle();

      const detail = (await (await agentGet(`/api/conversations/${v.conversationId}`)).json()) as {
        messages: ChatMessage[];
      };
      expect(detail.messages.find((m) => m.clientMessageId === 'shot-1')?.attachments).toEqual([ref]);

      const file = await agentGet(`/api/conversations/${v.conversationId}/attachments/${ref.id}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="Screen Shot 2026-12-01.png"/);
      expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).format).toBe('png');

      // The visitor reads it back with its own token; after a reload the message still has it.
      const own = await fetch(`${server.url}/api/visitor/attachments/${ref.id}`, {
        headers: { authorization: `Bearer ${v.token}` },
      });
      expect(own.status).toBe(200);
      const sync = await emitAck<{ ok: true; messages: ChatMessage[] }>(v.s, 'sync', {});
      expect(sync.messages.find((m) => m.clientMessageId === 'shot-1')?.attachments).toEqual([ref]);
    },
  );

  it("answers the widget's cross-origin preflight from a customer's site (never with *)", async () => {
    const res = await fetch(`${server.url}/api/visitor/attachments?name=a.png`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://customer.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://customer.example');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('refuses a ".png" that is really HTML, by its bytes, whatever the name and declared type say', async () => {
    const v = await visitor();
    const html = new TextEncoder().encode(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
    );
    const res = await upload(v.token, html, 'screenshot.png', 'image/png');
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unsupported_attachment');
    expect(body.error.message).toMatch(
      /screenshot\.png cannot be attached: .*Attach a PNG, JPEG, WebP or GIF image, or a PDF/,
    );
    const { rows } = await tdb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1',
      [v.conversationId],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('strips EXIF (camera, author, GPS) from a JPEG after applying its orientation', async () => {
    const v = await visitor();
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } })
      .jpeg()
      .withExif({
        IFD0: { Copyright: 'Jane Secret', ImageDescription: '12 Private Road' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined(); // the fixture really has EXIF
    const res = await upload(v.token, jpeg, 'IMG_0001.JPG', 'image/jpeg');
    expect(res.status).toBe(201);
    const ref = (await res.json()) as AttachmentRef;
    // Rotated by the orientation tag: 40x20 shown upright is 20x40.
    expect(ref).toMatchObject({ name: 'IMG_0001.jpg', contentType: 'image/jpeg', width: 20, height: 40 });
    const stored = Buffer.from(
      await (
        await fetch(`${server.url}/api/visitor/attachments/${ref.id}`, {
          headers: { authorization: `Bearer ${v.token}` },
        })
      ).arrayBuffer(),
    );
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('Jane Secret'))).toBe(false);
    expect(stored.includes(Buffer.from('Private Road'))).toBe(false);
  });

  it('refuses a file over the size limit with a message that names the limit', async () => {
    const v = await visitor();
    const big = new Uint8Array((MAX_KB + 5) * 1024);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    const res = await upload(v.token, big, 'logs.pdf', 'application/pdf');
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('attachment_too_large');
    expect(body.error.message).toMatch(
      /^logs\.pdf is 65 kB; attachments are limited to 60 kB\. Crop the screenshot or attach a smaller file\.$/,
    );
  });

  it('keeps a PDF as a download only, and caps the files per conversation', async () => {
    const v = await visitor();
    const pdf = tinyPdf(['Invoice 1042']);
    const first = await upload(v.token, pdf, 'invoice', 'text/html');
    expect(first.status).toBe(201);
    const ref = (await first.json()) as AttachmentRef;
    expect(ref).toMatchObject({ name: 'invoice.pdf', contentType: 'application/pdf', size: pdf.byteLength });
    const file = await agentGet(`/api/conversations/${v.conversationId}/attachments/${ref.id}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice.pdf"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');

    for (let i = 1; i < PER_CONVERSATION; i++) expect((await upload(v.token, pdf, `p${i}.pdf`)).status).toBe(201);
    const over = await upload(v.token, pdf, 'one-more.pdf');
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('too_many_attachments');
  });

  it("never lets a message or a visitor use another conversation's attachment", async () => {
    const a = await visitor();
    const b = await visitor();
    const ref = (await (await upload(a.token, await png(), 'a.png')).json()) as AttachmentRef;
    const ack = await emitAck(b.s, 'message', { clientMessageId: 'steal', text: 'look', attachments: [ref.id] });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unknown_attachment' } });
    const read = await fetch(`${server.url}/api/visitor/attachments/${ref.id}`, {
      headers: { authorization: `Bearer ${b.token}` },
    });
    expect(read.status).toBe(404);
    expect((await fetch(`${server.url}/api/visitor/attachments/${ref.id}`)).status).toBe(401);
    // Used once; a second message cannot take it again, but the same message resent is fine.
    expect((await emitAck(a.s, 'message', { clientMessageId: 'own', text: '', attachments: [ref.id] })).ok).toBe(true);
    expect((await emitAck(a.s, 'message', { clientMessageId: 'own', text: '', attachments: [ref.id] })).ok).toBe(true);
    expect(await emitAck(a.s, 'message', { clientMessageId: 'again', text: 'x', attachments: [ref.id] })).toMatchObject(
      { ok: false, error: { code: 'unknown_attachment' } },
    );
    // Nothing at all is still not a message.
    expect(await emitAck(a.s, 'message', { clientMessageId: 'empty', text: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/message text is empty/) },
    });
    await server.idle();
  });
});
