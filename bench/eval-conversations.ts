import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../server/config.js';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/start-server.js';
import type { ConversationSuiteResult } from '../server/conversation-tests/run-conversation-suite.js';
import type { ArticleIndex } from '../server/conversation-tests/resolve-article-ref.js';
import { EvalInputError } from './eval-retrieval.js';

/**
 * Starts the product on a throw-away in-memory PGlite, seeded as `npm start` seeds it (demo
 * knowledge base, default intents), and runs the suite through the admin API
 * (`POST /api/conversation-tests/run`), so the CLI judges exactly what the console shows.
 * OPENAI_* from the environment are honoured, to test the language-model path too.
 */
export async function runConversationsEval(file: string): Promise<ConversationSuiteResult> {
  let jsonl: string;
  try {
    jsonl = await readFile(file, 'utf8');
  } catch (err) {
    throw new EvalInputError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  return (await runSuiteOnThrowAwayServer({ jsonl }, file)).suite;
}

/** Runs a suite (JSONL or parsed conversations) on a throw-away demo server; also returns its article index. */
export async function runSuiteOnThrowAwayServer(
  body: { jsonl: string } | { conversations: unknown[] },
  label: string,
): Promise<{ suite: ConversationSuiteResult; articles: ArticleIndex }> {
  const password = `eval-${randomBytes(18).toString('base64url')}`;
  const openai = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => k.startsWith('OPENAI_') && v !== undefined),
  ) as Record<string, string>;
  const config = loadConfig({
    ...openai,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '1',
    RATE_LIMITS: 'off',
    ADMIN_EMAIL: 'eval@firstline.local',
    ADMIN_PASSWORD: password,
  });
  const db = await createPgliteDb();
  const server = await startServer(config, { db, log: createLogger('silent'), startWorkers: false });
  try {
    const login = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: config.adminEmail, password }),
    });
    if (!login.ok) throw new Error(`signing in to the throw-away server failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const res = await server.app.request('/api/conversation-tests/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const result = (await res.json()) as ConversationSuiteResult & { error?: { message: string } };
    if (!res.ok) throw new EvalInputError(`${label}: ${result.error?.message ?? res.status}`);
    return { suite: result, articles: await server.kb.listArticles() };
  } finally {
    await server.close();
    await db.close();
  }
}

/** The readable table: one row per conversation, then the failures' reasons. */
export function formatConversationTable(result: ConversationSuiteResult): string {
  const rows = result.results.map((r) => {
    const expected =
      'answer' in r.expect ? `answer ${r.expect.answer}` : 'handoff' in r.expect ? 'handoff' : 'no answer';
    const got =
      `${r.got.outcome}${r.got.reasonCode ? ` ${r.got.reasonCode}` : ''}` +
      `${r.got.article ? ` -> ${r.got.article.title}` : ''}`;
    return (
      `${r.passed ? 'PASS' : 'FAIL'}  ${cut(r.name, 44).padEnd(44)}` +
      `  ${cut(expected, 30).padEnd(30)}  ${cut(got, 60)}`
    );
  });
  const failures = result.results.filter((r) => !r.passed).map((r) => `  ${r.name}: ${r.problems.join('; ')}`);
  return [
    `      ${'conversation'.padEnd(44)}  ${'expected'.padEnd(30)}  got (turn outcome, reason, cited article)`,
    ...rows,
    '',
    `${result.passed}/${result.total} passed in ${(result.ms / 1000).toFixed(1)} s`,
    ...(failures.length ? ['Failures:', ...failures] : []),
  ].join('\n');
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
