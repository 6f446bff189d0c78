import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIntentsEval } from '../../bench/eval-intents.js';

const dir = mkdtempSync(path.join(tmpdir(), 'firstline-eval-intents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, rows: Array<{ text: string; label: string }>) => {
  const file = path.join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  return file;
};

const TRAIN = {
  password: [
    'reset my password',
    'I forgot my password',
    'password reset link',
    'change my password',
    'new password please',
    'password not working',
    'how to reset the password',
    'password expired',
  ],
  invoice: [
    'download my invoice',
    'where is the invoice',
    'send me the invoice',
    'invoice for last month',
    'invoice as pdf',
    'I need an invoice',
    'invoice is missing',
    'copy of my invoice',
  ],
  slack: [
    'connect slack',
    'slack integration',
    'link slack to my workspace',
    'slack notifications',
    'set up slack',
    'slack is not posting',
    'add the slack app',
    'slack channel messages',
  ],
};
const GIBBERISH = 'qzxv wqjk pfhb vvkx zzqr xqwv jjyk fkqz bvwx qqzd kkvy zqjx wvkq pxzj hqvz jzkw qvxb kzpq xjvw zwqk';
const train = write(
  'train.jsonl',
  Object.entries(TRAIN).flatMap(([label, texts]) => texts.map((text) => ({ text, label }))),
);

describe('npm run eval -- intents', () => {
  it('reports what the best-ranked intent would have scored next to the accuracy after rejection', async () => {
    const test = write('test.jsonl', [
      { text: 'please reset my password', label: 'password' },
      { text: 'download the invoice', label: 'invoice' },
      // The right intent ranks first, but the wording is too unfamiliar to answer: rejected.
      { text: `password ${GIBBERISH}`, label: 'password' },
      { text: 'what is the weather in lisbon tomorrow', label: 'oos' },
    ]);
    const r = await runIntentsEval({ train, test });
    expect(r.handoffRateInScope).toBeCloseTo(1 / 3, 3);
    expect(r.inScopeAccuracy).toBeCloseTo(2 / 3, 3);
    expect(r.inScopeAccuracyIfAnswered).toBe(1);
    expect(r.oosRecall).toBe(1);
  });
});
