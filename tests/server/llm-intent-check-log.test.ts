// A failing LLM intent check reaches the operator's log, not only the decision trace: once per
// failure with the model and what to check, at most once a minute per error message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createLlmHandoffSummarizer } from '../../server/llm/llm-handoff-summary.js';
import { createLlmIntentChecker, type IntentChecker } from '../../server/llm/llm-intent-check.js';
import { createModelFailureLog } from '../../server/llm/model-failure-log.js';
import { createOpenAiChatModel } from '../../server/llm/openai-chat-model.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { DEFAULT_INTENTS } from '../../understanding/default-intents.js';
import type { IntentPrediction } from '../../understanding/types.js';
import { captureLog, LogLevel, type LogLine } from '../helpers/capture-log.js';
import { FakeOpenAiServer, type FakeReply } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, fakeClock, login, nextEvent, testConfig, stopSuite } from '../helpers/test-server.js';

/** A prediction the checker asks the model about (low confidence). */
const UNSURE: IntentPrediction = { intent: 'how_to', confidence: 0.2, ranked: [{ intent: 'how_to', confidence: 0.2 }] };

describe('LLM intent check failures in the log', () => {
  const fake = new FakeOpenAiServer();
  let reply: () => FakeReply;
  let lines: LogLine[];
  let clock: ReturnType<typeof fakeClock>;
  let checker: IntentChecker;

  const checkerOn = (baseURL: string, timeoutMs = 1000) => {
    const captured = captureLog();
    lines = captured.lines;
    const model = createOpenAiChatModel({ apiKey: 'test-key', baseURL, model: 'fake-model', timeoutMs, maxRetries: 0 });
    return createLlmIntentChecker({
      model,
      timeoutMs,
      onFailure: createModelFailureLog({ log: captured.log, model: model.name, task: 'intent check', clock }),
    });
  };
  const check = async () => (await checker.check('hello there', UNSURE, DEFAULT_INTENTS))!.check;

  beforeAll(async () => {
    await fake.start();
    fake.reply = () => reply();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    clock = fakeClock();
    checker = checkerOn(fake.url);
  });

  it('logs a rejected key once, with the model and the setting to check, then at most once a minute', async () => {
    reply = () => ({ status: 401 });
    expect(await check()).toMatchObject({ outcome: 'error', error: expect.stringMatching(/401/) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: LogLevel.error,
      model: 'fake-model',
      status: 401,
      error: expect.stringMatching(/401/),
    });
    expect(lines[0]!.msg).toMatch(/^LLM intent check failed with model "fake-model": .*OPENAI_API_KEY/);

    await check();
    clock.advance(59);
    await check();
    expect(lines).toHaveLength(1);

    clock.advance(2);
    await check();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: LogLevel.error, repeats: 2 });
  });

  it('logs each distinct failure, with a hint that fits it', async () => {
    reply = () => ({ status: 404 });
    await check();
    reply = () => ({ text: '{"intent": ' });
    await check();
    reply = () => ({ text: '{"intent":"make_coffee"}' });
    await check();
    reply = () => ({ status: 429 });
    await check();
    reply = () => ({ status: 503 });
    await check();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [LogLevel.error, expect.stringMatching(/OPENAI_CHAT_MODEL and OPENAI_BASE_URL/)],
      [LogLevel.error, expect.stringMatching(/structured output/)],
      [LogLevel.error, expect.stringMatching(/structured output/)],
      [LogLevel.warn, expect.stringMatching(/rate-limiting .* quota/)],
      [LogLevel.warn, expect.stringMatching(/server error \(HTTP 503\)/)],
    ]);
    expect(lines[2]).toMatchObject({ error: expect.stringMatching(/not in the list/) });
  });

  it('warns about a time-out with the setting to raise', async () => {
    checker = checkerOn(fake.url, 100);
    reply = () => ({ text: '{"intent":"how_to"}', delayMs: 400 });
    expect(await check()).toMatchObject({ outcome: 'error' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: LogLevel.warn,
        model: 'fake-model',
        msg: expect.stringMatching(/did not answer in time.*OPENAI_TIMEOUT_MS/),
      }),
    ]);
  });

  it('says when the endpoint cannot be reached', async () => {
    checker = checkerOn('http://127.0.0.1:9/v1');
    expect(await check()).toMatchObject({ outcome: 'error' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: LogLevel.error,
        msg: expect.stringMatching(/cannot be reached; check OPENAI_BASE_URL/),
      }),
    ]);
  });

  it('logs nothing when the check works', async () => {
    reply = () => ({ text: '{"intent":"how_to"}' });
    expect(await check()).toMatchObject({ outcome: 'confirmed' });
    expect(lines).toEqual([]);
  });

  it('logs a failed handoff summary too, and still lets the caller degrade', async () => {
    reply = () => ({ status: 401 });
    const captured = captureLog();
    const model = createOpenAiChatModel({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 1000,
      maxRetries: 0,
    });
    const summarizer = createLlmHandoffSummarizer({
      model,
      timeoutMs: 1000,
      onFailure: createModelFailureLog({ log: captured.log, model: model.name, task: 'handoff summary', clock }),
    });
    await expect(
      summarizer.summarize({ messages: [{ role: 'visitor', text: 'help' }], reason: 'asked for a person' }),
    ).rejects.toThrow(/401/);
    expect(captured.lines).toHaveLength(1);
    expect(captured.lines[0]!.msg).toMatch(/^LLM handoff summary failed with model "fake-model": .*OPENAI_API_KEY/);
  });
});

describe(`LLM intent check failures through the server (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let token: string;
  let lines: LogLine[];
  const fake = new FakeOpenAiServer();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await fake.start();
    // The intent check gets a server error; everything else (answers, summaries) works.
    fake.reply = (body) =>
      body.response_format?.json_schema?.name === 'intent_choice' ? { status: 500 } : { text: 'NO_ANSWER' };
    tdb = await openTestDb();
    const captured = captureLog();
    lines = captured.lines;
    server = await startServer(
      testConfig({
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        OPENAI_CHAT_MODEL: 'fake-model',
        OPENAI_TIMEOUT_MS: '1500',
      }),
      {
        db: tdb.db,
        log: captured.log,
        startWorkers: false,
      },
    );
    token = await login(server);
  });
  afterAll(() => stopSuite({ sockets, server, tdb, also: [() => fake.stop()] }));

  async function turn(text: string): Promise<{ check?: { outcome: string } }> {
    const s = await connect(`${server.url}/visitor`, {});
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    expect((await emitAck(s, 'message', { clientMessageId: 'q1', text })).ok).toBe(true);
    await server.idle();
    const res = await fetch(`${server.url}/api/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const d = (await res.json()) as { decisions: Array<{ trace: { intent: { check?: { outcome: string } } | null } }> };
    return d.decisions.at(-1)!.trace.intent ?? {};
  }

  it('records the failure in the trace and logs it once for repeated turns', async () => {
    const failures = () => lines.filter((l) => l.msg.startsWith('LLM intent check failed'));
    expect((await turn("I'd like some help from your team please")).check).toMatchObject({ outcome: 'error' });
    expect(failures()).toEqual([
      expect.objectContaining({
        level: LogLevel.warn,
        model: 'fake-model',
        status: 500,
        msg: expect.stringMatching(/fake-model.*HTTP 500/),
      }),
    ]);
    expect((await turn("I'd like some help from your team please")).check).toMatchObject({ outcome: 'error' });
    expect(failures()).toHaveLength(1);
  });
});
