import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { openRawSocket, type RawSocket } from '../helpers/raw-socket.js';
import {
  deepValue,
  FUZZ_SEED,
  fuzzObject,
  fuzzParams,
  isDocumentedError,
  nastyString,
  nastyValue,
  polluted,
  RawJson,
  runs,
  toJsonText,
} from './fuzz-arbitraries.js';

/** One socket event to send: its name, its argument and whether it asks for an ack. */
interface Shot {
  event: string;
  arg: unknown;
  ack: boolean;
}

const validPage = fc.record({
  url: fc.constantFrom(
    'http://localhost/billing',
    'http://localhost/settings/integrations',
    'https://app.example.com/',
  ),
  title: fc.constantFrom('Billing', 'Settings', ''),
  context: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), {
    nil: undefined,
  }),
});
const page = fuzzObject({
  url: validPage.map((p) => p.url),
  title: validPage.map((p) => p.title),
  context: fc.oneof(
    validPage.map((p) => p.context),
    deepValue.map((d) => new RawJson(`{"k":${d.text}}`)),
  ),
});
const clientMessageId = fc.uuid();
const question = fc.constantFrom(
  'How do I change my billing email?',
  'hello',
  'I want to talk to a human',
  'refund please',
);

/** Every visitor event of protocol/visitor-socket.ts, each from a valid shape mutated by fuzzObject. */
const visitorShot: fc.Arbitrary<Shot> = fc.oneof(
  fc.record({
    event: fc.constant('message'),
    arg: fuzzObject({ clientMessageId, text: question, page }),
    ack: fc.boolean(),
  }),
  fc.record({ event: fc.constant('page'), arg: page, ack: fc.boolean() }),
  fc.record({ event: fc.constant('sync'), arg: fuzzObject({ afterId: fc.uuid() }), ack: fc.boolean() }),
  fc.record({
    event: fc.constant('feedback'),
    arg: fuzzObject({ messageId: fc.uuid(), helpful: fc.boolean() }),
    ack: fc.boolean(),
  }),
  fc.record({
    event: fc.constant('csat'),
    arg: fuzzObject({ score: fc.integer({ min: 1, max: 5 }), comment: fc.string({ maxLength: 30 }) }),
    ack: fc.boolean(),
  }),
  fc.record({ event: fc.constant('contact'), arg: fuzzObject({ email: fc.emailAddress() }), ack: fc.boolean() }),
);

const visitorAuth = fuzzObject({
  token: nastyString,
  visitor: fuzzObject({
    id: fc.uuid(),
    name: fc.constantFrom('Dana', 'Kim Lee'),
    email: fc.emailAddress(),
    plan: fc.constantFrom('pro', 'enterprise'),
    accountValue: fc.integer({ min: 0, max: 5_000_000 }),
    renewalDate: fc.constant('2027-01-01'),
    userHash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  }),
  page,
  lastMessageId: fc.uuid(),
});

/**
 * Prefixes each message's clientMessageId with a tag unique to the run, so rows are counted per run:
 * an unacked message of an earlier run may still be landing while the next one starts.
 */
let runNo = 0;
function tagged(shots: Shot[]): { tag: string; shots: Shot[] } {
  const tag = `r${++runNo}-`;
  const tagOne = (s: Shot): Shot => {
    const arg = s.arg as Record<string, unknown> | null;
    if (
      s.event !== 'message' ||
      typeof arg !== 'object' ||
      arg === null ||
      Array.isArray(arg) ||
      arg instanceof RawJson ||
      typeof arg.clientMessageId !== 'string'
    )
      return s;
    // Spread (not Object.assign): an own `__proto__` key must stay a plain key.
    return { ...s, arg: { ...arg, clientMessageId: tag + arg.clientMessageId } };
  };
  return { tag, shots: shots.map(tagOne) };
}

/** Frames over socket.io's maxHttpBufferSize (64 KB) are dropped with the connection; one test covers that. */
const fits = (shots: Shot[]) => shots.reduce((n, s) => n + Buffer.byteLength(toJsonText(s.arg) ?? ''), 0) < 60_000;

describe(`socket fuzz: every event and the handshake, adversarial payloads (${dbKind}, seed ${FUZZ_SEED})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let adminToken: string;
  const stats: Record<string, { cases: number; ms: number }> = {};
  const raws: RawSocket[] = [];
  const raw = async () => {
    const r = await openRawSocket(server.url);
    raws.push(r);
    return r;
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await tdb.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
  const messagesTagged = (role: string, tag: string) =>
    count(`SELECT count(*)::int AS n FROM messages WHERE role = $1 AND client_message_id LIKE $2`, [role, `${tag}%`]);
  const record = (name: string, cases: number, started: number) => {
    stats[name] = {
      cases: (stats[name]?.cases ?? 0) + cases,
      ms: (stats[name]?.ms ?? 0) + (performance.now() - started),
    };
  };

  beforeAll(async () => {
    tdb = await openTestDb();
    // Limits are for abuse, not for this suite: bursts still hit the per-socket limiter below.
    // The real limits, except those per address: every fuzz socket comes from 127.0.0.1.
    server = await startTestServer(tdb.db, {
      RATE_LIMITS: [
        'connect.address',
        'message.address',
        'conversation.address',
        'sync.conversation',
        'page.conversation',
        'csat.conversation',
        'contact.conversation',
        'feedback.conversation',
      ]
        .map((n) => `${n}=1000000/60`)
        .join(','),
    });
    adminToken = await login(server);
  });
  afterAll(async () => {
    for (const r of raws) r.close();
    await server?.close();
    await tdb?.dispose();
    console.log(
      `[socket-fuzz] seed ${FUZZ_SEED}: ${Object.entries(stats)
        .map(([k, v]) => `${k} ${v.cases} cases in ${Math.round(v.ms)} ms`)
        .join('; ')}`,
    );
  });

  /** The server still answers HTTP and a well-formed visitor conversation still works. */
  const stillServes = async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const visitor = await connect(`${server.url}/visitor`, {});
    try {
      await nextEvent(visitor, 'session');
      expect(
        await emitAck(visitor, 'message', {
          clientMessageId: `ok-${Date.now()}`,
          text: 'How do I change my billing email?',
        }),
      ).toMatchObject({ ok: true });
    } finally {
      visitor.close();
    }
    expect(polluted()).toBe(false);
  };

  it('visitor events: every ack is {ok:true} or a documented error; rejected messages store nothing', async () => {
    const started = performance.now();
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(visitorShot, { minLength: 1, maxLength: 6 }).filter(fits), async (generated) => {
        const { tag, shots } = tagged(generated);
        const r = await raw();
        expect(await r.connect('/visitor', '{}')).toMatchObject({ ok: true });
        // A burst: everything at once, as a hostile client would send it.
        const acks = await Promise.all(
          shots.map(async (s) => {
            const text = toJsonText(s.arg);
            if (!s.ack) return r.emit('/visitor', s.event, text);
            return r.emitAck('/visitor', s.event, text);
          }),
        );
        cases += shots.length;
        const okMessageIds = new Set<string>();
        shots.forEach((s, i) => {
          if (!s.ack) return;
          const ack = acks[i] as { ok?: boolean; id?: string; error?: unknown } | null;
          expect(ack, `${s.event} got no ack`).not.toBeNull();
          if (ack?.ok === true) {
            if (s.event === 'message') okMessageIds.add(String(ack.id));
          } else {
            expect(ack?.ok).toBe(false);
            expect(isDocumentedError(ack?.error), `${s.event}: ${JSON.stringify(ack)}`).toBe(true);
          }
        });
        await server.idle();
        // Acked-or-not messages: only the ones acked ok may have been stored, never a rejected one.
        const stored = await messagesTagged('visitor', tag);
        const unacked = shots.filter((s) => s.event === 'message' && !s.ack).length;
        expect(stored).toBeGreaterThanOrEqual(okMessageIds.size);
        expect(stored).toBeLessThanOrEqual(okMessageIds.size + unacked);
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        r.close();
      }),
      fuzzParams(30),
    );
    record('visitor events', cases, started);
    await stillServes();
  });

  it('visitor handshake: accepted, or refused with connect_error {code}; a refusal stores nothing', async () => {
    const started = performance.now();
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        visitorAuth.filter((a) => Buffer.byteLength(toJsonText(a) ?? '') < 60_000),
        async (auth) => {
          const r = await raw();
          const before = await count('SELECT count(*)::int AS n FROM conversations');
          const text = toJsonText(auth);
          const answer = await r.connect('/visitor', text ?? '{}');
          cases++;
          if (answer.ok) {
            expect(answer.sid).toBeTruthy();
          } else if ('closed' in answer) {
            // socket.io itself drops a CONNECT whose auth is not an object.
            expect(text === undefined || !text.startsWith('{')).toBe(true);
          } else {
            expect(answer.message).toEqual(expect.any(String));
            expect(answer.data).toMatchObject({ code: expect.stringMatching(/^(?!internal$)/) });
          }
          await server.idle();
          expect(await count('SELECT count(*)::int AS n FROM conversations')).toBe(before);
          r.close();
        },
      ),
      fuzzParams(30),
    );
    record('visitor handshake', cases, started);
    await stillServes();
  });

  it('agent events: every ack is {ok:true} or a documented error; rejected messages store nothing', async () => {
    // A queued conversation, so claim/message/resolve sometimes hit a real one.
    const visitor = await connect(`${server.url}/visitor`, {});
    const { conversationId } = await nextEvent<{ conversationId: string }>(visitor, 'session');
    await emitAck(visitor, 'message', { clientMessageId: 'handoff-1', text: 'I want to talk to a human now' });
    visitor.close();
    await server.idle();
    const conversation = fc.oneof(fc.constant(conversationId), fc.uuid());
    const agentShot: fc.Arbitrary<Shot> = fc.oneof(
      fc.record({ event: fc.constant('claim'), arg: fuzzObject({ conversationId: conversation }), ack: fc.boolean() }),
      fc.record({
        event: fc.constant('message'),
        arg: fuzzObject({ conversationId: conversation, clientMessageId, text: question }),
        ack: fc.boolean(),
      }),
      fc.record({
        event: fc.constant('resolve'),
        arg: fuzzObject({ conversationId: conversation }),
        ack: fc.boolean(),
      }),
      fc.record({
        event: fc.constant('presence'),
        arg: fuzzObject({ status: fc.constantFrom('online', 'away') }),
        ack: fc.boolean(),
      }),
    );
    const started = performance.now();
    let cases = 0;
    const r = await raw();
    expect(await r.connect('/agent', JSON.stringify({ token: adminToken }))).toMatchObject({ ok: true });
    await fc.assert(
      fc.asyncProperty(fc.array(agentShot, { minLength: 1, maxLength: 6 }).filter(fits), async (generated) => {
        const { tag, shots } = tagged(generated);
        const acks = await Promise.all(
          shots.map((s) =>
            s.ack ? r.emitAck('/agent', s.event, toJsonText(s.arg)) : r.emit('/agent', s.event, toJsonText(s.arg)),
          ),
        );
        cases += shots.length;
        const okIds = new Set<string>();
        shots.forEach((s, i) => {
          if (!s.ack) return;
          const ack = acks[i] as { ok?: boolean; id?: string; error?: unknown } | null;
          expect(ack, `${s.event} got no ack`).not.toBeNull();
          if (ack?.ok === true) {
            if (s.event === 'message') okIds.add(String(ack.id));
          } else expect(isDocumentedError(ack?.error), `${s.event}: ${JSON.stringify(ack)}`).toBe(true);
        });
        await server.idle();
        const stored = await messagesTagged('agent', tag);
        const unacked = shots.filter((s) => s.event === 'message' && !s.ack).length;
        expect(stored).toBeGreaterThanOrEqual(okIds.size);
        expect(stored).toBeLessThanOrEqual(okIds.size + unacked);
      }),
      fuzzParams(30),
    );
    record('agent events', cases, started);
    // The agent handshake: only a valid token gets in.
    const startedAuth = performance.now();
    await fc.assert(
      fc.asyncProperty(fuzzObject({ token: nastyString }), async (auth) => {
        const answer = await (await raw()).connect('/agent', toJsonText(auth) ?? '{}');
        expect(answer.ok).toBe(false);
        if (!answer.ok && !('closed' in answer)) expect(answer.data).toMatchObject({ code: 'unauthorized' });
      }),
      fuzzParams(20),
    );
    record('agent handshake', runs(20), startedAuth);
    await stillServes();
  });

  it(
    'survives unknown and reserved event names, ' + 'missing arguments, oversized frames and a 200-message burst',
    async () => {
      const started = performance.now();
      const names = [
        'error',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'connect',
        'disconnecting',
        'newListener',
        'x'.repeat(5000),
        '\u0000',
      ];
      for (const event of names) {
        const r = await raw();
        await r.connect('/visitor', '{}');
        r.emit('/visitor', event, '{"a":1}');
        // No handler, so no ack: the wait ends on the timeout (short) or when socket.io drops a reserved name.
        expect(await r.emitAck('/visitor', event, '{"a":1}', 200)).toBeNull();
        r.close();
      }
      const r = await raw();
      await r.connect('/visitor', '{}');
      for (const event of ['message', 'page', 'sync', 'feedback', 'csat', 'contact']) {
        const ack = await r.emitAck('/visitor', event, undefined);
        expect(ack, event).toMatchObject({ ok: false });
        expect(isDocumentedError((ack as { error: unknown }).error)).toBe(true);
      }
      // Bigger than maxHttpBufferSize: socket.io closes that connection, the server stays up.
      const big = await raw();
      await big.connect('/visitor', '{}');
      expect(
        await big.emitAck(
          '/visitor',
          'message',
          JSON.stringify({ clientMessageId: 'big', text: 'x'.repeat(70_000) }),
          3000,
        ),
      ).toBeNull();
      expect(big.closed).toBe(true);
      // A burst on one socket: all answered, the per-conversation limit says rate_limited, nothing else fails.
      const burst = await raw();
      await burst.connect('/visitor', '{}');
      const acks = (await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          burst.emitAck('/visitor', 'message', JSON.stringify({ clientMessageId: `b${i}`, text: `burst ${i}` })),
        ),
      )) as Array<{ ok: boolean; error?: { code: string } }>;
      expect(acks.every((a) => a !== null && (a.ok || a.error?.code === 'rate_limited'))).toBe(true);
      expect(acks.filter((a) => a.ok).length).toBeGreaterThan(0);
      record('names, missing args, frames, burst', names.length * 2 + 6 + 1 + 200, started);
      await stillServes();
    },
  );

  it('nastyValue covers what it claims (guards the generators)', () => {
    const sample = fc.sample(nastyValue, { seed: FUZZ_SEED, numRuns: 300 }).map((v) => toJsonText(v) ?? '');
    expect(sample.some((t) => t.includes('\\u0000'))).toBe(true);
    expect(sample.some((t) => /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i.test(t))).toBe(true);
    expect(sample.some((t) => t.includes('__proto__'))).toBe(true);
    expect(sample.some((t) => t.startsWith('[[[[[[[[[[') || t.startsWith('{"a":{"a":{"a":'))).toBe(true);
  });
});
