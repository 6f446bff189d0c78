import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keptDocIds, runRetrievalEval } from '../../bench/eval-retrieval.js';

const dir = mkdtempSync(path.join(tmpdir(), 'firstline-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, rows: unknown[]) => {
  const file = path.join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  return file;
};

const TOPICS = [
  [
    'password',
    'Reset a forgotten password',
    'Click forgot password on the login page and follow the reset link we email you.',
  ],
  ['invoice', 'Download an invoice', 'Open billing, then invoices, and click download PDF next to the month.'],
  ['slack', 'Connect Slack', 'Go to integrations, choose Slack, click connect and pick a channel.'],
  ['export', 'Export a project to CSV', 'Open the project, click more, then export, and choose CSV.'],
  ['sso', 'Set up single sign-on', 'Configure SAML with your identity provider under security settings.'],
  ['webhook', 'Add a webhook endpoint', 'Add an HTTPS endpoint under webhooks and copy the signing secret.'],
] as const;
const docs = write(
  'docs.jsonl',
  TOPICS.map(([id, title, text]) => ({ id, title, text })),
);
const queries = write(
  'queries.jsonl',
  TOPICS.map(([id, title]) => ({ id: `q-${id}`, text: `How do I ${title.toLowerCase()}?`, relevant_doc_ids: [id] })),
);

describe('npm run eval -- retrieval --leave-out', () => {
  it('splits the documents by seed: the same seed the same half, another seed another half', () => {
    const ids = TOPICS.map(([id]) => id);
    const a = keptDocIds(ids, 0.5, 1);
    expect(a.size).toBe(3);
    expect([...keptDocIds([...ids].reverse(), 0.5, 1)].sort()).toEqual([...a].sort());
    const others = [2, 3, 4, 5, 6, 7].map((s) => [...keptDocIds(ids, 0.5, s)].sort().join());
    expect(others.some((o) => o !== [...a].sort().join())).toBe(true);
  });

  it('counts a query answerable only when one of its documents was ingested, ' +
    'and reports the confidence figures', async () => {
    const r = await runRetrievalEval({ docs, queries, leaveOut: 0.5, seed: 1 });
    expect(r).toMatchObject({ answerable: 3, unanswerable: 3 });
    for (const k of ['confidentOnAnswerable', 'rightAmongConfident', 'falseConfidentOnUnanswerable'] as const) {
      expect(r[k]).toBeGreaterThanOrEqual(0);
      expect(r[k]).toBeLessThanOrEqual(1);
    }
    // Hit figures are over the answerable queries: these titles find their own article.
    expect(r.hitAt1).toBe(1);
    const full = await runRetrievalEval({ docs, queries });
    expect(full).not.toHaveProperty('answerable');
    // Both runs fit the knowledge base's confidence calibration before querying.
    expect(r.pseudoQuestions).toBeGreaterThan(0);
  }, 180_000);
});

describe('npm run eval -- retrieval --half', () => {
  it('scores the tune and report halves on disjoint queries that together make the whole set', async () => {
    // Six topics, one query each, split three and three by the document they ask about.
    const tune = await runRetrievalEval({ docs, queries, leaveOut: 0.01, half: 'tune' });
    const report = await runRetrievalEval({ docs, queries, leaveOut: 0.01, half: 'report' });
    expect(tune.answerable! + tune.unanswerable!).toBe(3);
    expect(report.answerable! + report.unanswerable!).toBe(3);
    expect(tune.hitAt1).toBe(1);
    expect(report.hitAt1).toBe(1);
  }, 300_000);
});

describe('npm run eval -- conversations FILE --json', () => {
  it('prints {total, passed, failed:[{name, got}]} as the last line and exits 1 when one failed', async () => {
    const suite = path.join(dir, 'suite.jsonl');
    writeFileSync(
      suite,
      [
        { name: 'asks for a person', turns: ['I want to talk to a human.'], expect: { handoff: true } },
        { name: 'wrongly expects an answer', turns: ['I want to talk to a human.'], expect: { answer: 'refunds' } },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        'npx',
        ['tsx', 'bench/eval.ts', 'conversations', suite, '--json'],
        { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 120_000 },
        (err, out) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    const last = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(code).toBe(1);
    expect(last).toMatchObject({
      total: 2,
      passed: 1,
      failed: [{ name: 'wrongly expects an answer', got: { outcome: 'handoff', reasonCode: 'explicit_request' } }],
    });
  }, 130_000);
});
