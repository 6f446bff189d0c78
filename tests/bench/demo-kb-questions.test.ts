import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_KB_QUESTIONS } from '../../bench/eval-demo-kb.js';
import { DEMO_ARTICLES_DIR } from '../../knowledge/demo-kb.js';
import { loadFolder } from '../../knowledge/load-folder.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the demo knowledge base question set (npm run eval -- demo-kb)', () => {
  const rows = readFileSync(DEMO_KB_QUESTIONS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; url: string | null });

  it('is part of the repository, not hidden by the ignore rule for the app data folder', () => {
    const rel = path.relative(root, DEMO_KB_QUESTIONS);
    // git check-ignore exits 1 when the path is not ignored.
    expect(() => execFileSync('git', ['check-ignore', '-q', '--no-index', rel], { cwd: root })).toThrow();
  });

  it(
    'has at least 50 answerable and 15 unanswerable questions, ' + 'each answerable one naming a demo article',
    async () => {
      const urls = new Set((await loadFolder(DEMO_ARTICLES_DIR)).map((a) => a.url));
      const answerable = rows.filter((r) => r.url !== null);
      expect(answerable.length).toBeGreaterThanOrEqual(50);
      expect(rows.filter((r) => r.url === null).length).toBeGreaterThanOrEqual(15);
      for (const r of answerable) expect(urls.has(r.url!), `${r.text} -> ${r.url}`).toBe(true);
      expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(rows.length);
    },
  );
});
