// Card numbers (PANs) typed into the chat are masked before they are stored: the agent, the
// transcript, webhooks and the AI only ever see the last four digits. Numbers that are not
// card numbers (failing the Luhn check) are kept as typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import { maskCardNumbers } from '../../server/conversations/mask-card-numbers.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

describe('maskCardNumbers', () => {
  it.each([
    ['4242 4242 4242 4242', '•••• •••• •••• 4242'],
    ['4242-4242-4242-4242', '•••• •••• •••• 4242'],
    ['4242424242424242', '•••• •••• •••• 4242'],
    ['amex 3782 822463 10005 please', 'amex •••• •••• •••• 0005 please'],
    ['visa 4000056655665556, mc 5555555555554444.', 'visa •••• •••• •••• 5556, mc •••• •••• •••• 4444.'],
    ['card 4242 4242 4242 4242 123 exp 12/26', 'card •••• •••• •••• 4242 123 exp 12/26'],
    ['ref 99 4242-4242-4242-4242', 'ref 99 •••• •••• •••• 4242'],
  ])('masks %j', (input, masked) => {
    expect(maskCardNumbers(input)).toBe(masked);
  });

  it.each([
    'order 1234567812345678', // 16 digits, not Luhn-valid
    'call +1 555 123 4567', // too short
    'invoice 1234 5678 1234 5678 1234', // grouped, but no window of it is Luhn-valid
    'tracking 42424242424242424242424', // one long run
    'ticket #12345',
  ])('keeps %j', (input) => {
    expect(maskCardNumbers(input)).toBe(input);
  });
});

describe(`card numbers over the sockets (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let token: string;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);
  const page = { url: 'http://localhost/billing', title: 'Billing' };

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    token = await login(server);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it(
    "a visitor's card number is stored and shown to the agent masked; " +
      "an order number is kept; the agent's reply is masked too",
    async () => {
      const agent = track(await connect(`${server.url}/agent`, { token }));
      const visitor = track(
        await connect(`${server.url}/visitor`, { page, visitor: { name: 'Card 4111 1111 1111 1111 Holder' } }),
      );
      const session = await nextEvent<{ conversationId: string }>(visitor, 'session');
      const echoed = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role === 'visitor');
      const ack = await emitAck(visitor, 'message', {
        clientMessageId: 'pan-1',
        text: 'I want to talk to a person. My card 4242 4242 4242 4242 was charged twice for order 1234567812345678.',
        page,
      });
      expect(ack.ok).toBe(true);
      expect((await echoed).text).toBe(
        'I want to talk to a person. My card •••• •••• •••• 4242 was charged twice for order 1234567812345678.',
      );
      await server.idle();

      const { rows } = await tdb.db.query<{ text: string }>('SELECT text FROM messages WHERE conversation_id = $1', [
        session.conversationId,
      ]);
      expect(rows.map((r) => r.text).join('\n')).not.toMatch(/4242 4242 4242 4242|4242424242424242|4111/);
      const visitors = await tdb.db.query<{ name: string }>(
        'SELECT v.name FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = $1',
        [session.conversationId],
      );
      expect(visitors.rows[0]!.name).toBe('Card •••• •••• •••• 1111 Holder');

      const res = await fetch(`${server.url}/api/conversations/${session.conversationId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const conv = (await res.json()) as { messages: ChatMessage[]; visitor: { name?: string } };
      const shown = conv.messages.find((m) => m.role === 'visitor')!;
      expect(shown.text).toContain('•••• •••• •••• 4242');
      expect(shown.text).toContain('order 1234567812345678');
      expect(conv.visitor.name).toBe('Card •••• •••• •••• 1111 Holder');

      expect(await emitAck(agent, 'claim', { conversationId: session.conversationId })).toMatchObject({ ok: true });
      const reply = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role === 'agent');
      expect(
        await emitAck(agent, 'message', {
          conversationId: session.conversationId,
          clientMessageId: 'pan-a1',
          text: 'Refunded to 5555-5555-5555-4444.',
        }),
      ).toMatchObject({ ok: true });
      expect((await reply).text).toBe('Refunded to •••• •••• •••• 4444.');
    },
  );
});
