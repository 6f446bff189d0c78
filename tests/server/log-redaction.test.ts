// Database errors reach the operator's log without the values they were about: no query
// parameters, no "Failing row contains (...)" detail, no password hashes, emails or chat text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { startServer } from '../../server/start-server.js';
import { captureLog, LogLevel, type LogLine } from '../helpers/capture-log.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, stopSuite, testConfig } from '../helpers/test-server.js';

const SECRET_EMAIL = 'jane.private@example.com';
const SECRET_PASSWORD = 'Quiet-Otter-Lantern-42';
const SECRET_TEXT = 'my home address is 12 Hidden Lane';

describe(`secrets and personal data stay out of logs (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let lines: LogLine[];
  let admin: string;

  beforeAll(async () => {
    tdb = await openTestDb();
    const captured = captureLog();
    lines = captured.lines;
    server = await startServer(testConfig({ SEED_DEMO: '0' }), { db: tdb.db, log: captured.log });
    admin = await login(server);
    // Real database errors on demand: constraints the application does not know about.
    await tdb.db.exec(`ALTER TABLE users ADD CONSTRAINT test_forced_failure CHECK (name <> 'Force a failure')`);
    await tdb.db.exec(
      `ALTER TABLE messages ADD CONSTRAINT test_forced_failure CHECK (text NOT LIKE '%force-db-failure%')`,
    );
  });
  afterAll(() => stopSuite({ tdb, server }));

  const logged = () => JSON.stringify(lines);
  beforeEach(() => {
    lines.length = 0;
  });

  it('a failing INSERT of a user logs the error but not the email, password hash or parameters', async () => {
    const res = await fetch(`${server.url}/api/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        email: SECRET_EMAIL,
        name: 'Force a failure',
        password: SECRET_PASSWORD,
        role: 'agent',
        skills: [],
        maxConcurrent: 3,
      }),
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();

    const line = lines.find((l) => l.msg === 'unhandled error');
    expect(line, 'the failure is still logged').toBeDefined();
    expect(line!.level).toBe(LogLevel.error);
    // What an operator needs stays: the SQLSTATE and the constraint.
    expect(line!.err).toMatchObject({ code: '23514', constraint: 'test_forced_failure' });
    const text = logged();
    for (const secret of [SECRET_EMAIL, SECRET_PASSWORD, 'scrypt$', 'Failing row']) expect(text).not.toContain(secret);
    expect(line!.err).not.toHaveProperty('params');
    expect(line!.err).not.toHaveProperty('detail');
  });

  it('a visitor message whose INSERT fails is not copied into the log', async () => {
    const visitor = await connect(`${server.url}/visitor`, {
      visitor: { name: 'Jane Private', email: SECRET_EMAIL },
      page: { url: 'http://localhost/billing', title: 'Billing' },
    });
    try {
      const ack = await emitAck(visitor, 'message', {
        clientMessageId: 'log-1',
        text: `${SECRET_TEXT} force-db-failure`,
      });
      expect(ack.ok).toBe(false);
      await server.idle();
    } finally {
      visitor.close();
    }
    expect(
      lines.some((l) => l.level >= LogLevel.error && (l.err as { code?: string } | undefined)?.code === '23514'),
    ).toBe(true);
    const text = logged();
    for (const secret of [SECRET_TEXT, SECRET_EMAIL, 'Failing row']) expect(text).not.toContain(secret);
  });
});

describe('the logger redacts wherever the values sit', () => {
  it('drops driver parameters from wrapped errors, redacts sensitive keys, and leaves the error untouched', () => {
    const { log, lines } = captureLog();
    const dbError = Object.assign(new Error('invalid input syntax for type uuid: "jane@example.com"'), {
      code: '22P02',
      params: ['jane@example.com', 'scrypt$16384$8$1$salt$hash'],
      detail: 'Key (email)=(jane@example.com) already exists.',
      user: { email: 'jane@example.com', passwordHash: 'scrypt$16384$8$1$salt$hash', role: 'agent' },
    });
    const wrapped = new Error('saving the agent failed', { cause: dbError });
    log.error({ err: dbError }, 'direct');
    log.error({ err: wrapped }, 'wrapped');
    log.warn(
      {
        authorization: 'Bearer eyJhbGciOi.secret',
        visitor: { email: 'jane@example.com', name: 'Jane' },
        conversationId: 'c1',
      },
      'plain object',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['jane@example.com', 'scrypt$', 'eyJhbGciOi']) expect(text).not.toContain(secret);
    expect(lines[0]!.err).toMatchObject({ code: '22P02', user: { role: 'agent', email: '[redacted]' } });
    expect(lines[2]).toMatchObject({ conversationId: 'c1', visitor: { name: 'Jane', email: '[redacted]' } });
    // The thrown error itself is not modified: it may still be rendered or rethrown.
    expect(dbError.params).toHaveLength(2);
    expect(dbError.user.email).toBe('jane@example.com');
  });
});
