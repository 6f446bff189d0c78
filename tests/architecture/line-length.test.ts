import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SOURCE_FOLDERS, sourceFiles } from './import-graph.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX = 120;

/**
 * Lines that stay long on purpose, by file and a piece of the line (line numbers move). Each says why;
 * everything else is shortened by Biome (`npx biome format --write .`) or by rewording.
 */
const REGEX = 'a regex literal: splitting it needs new RegExp(...) and doubled escapes, harder to read and to check';
const ALLOWED: ReadonlyArray<{ file: string; contains: string; why: string }> = [
  { file: 'server/answers/follow-up.ts', contains: '/^(and|also|but|or|same|what about', why: REGEX },
  { file: 'server/answers/question-cues.ts', contains: '/\\b(never|not|no|didn', why: REGEX },
  { file: 'server/bug-reports/bug-report-draft.ts', contains: '/\\b(error|fails?|failed|broken', why: REGEX },
  { file: 'server/log-redaction.ts', contains: '/((?:invalid input (?:syntax|value)', why: REGEX },
  { file: 'understanding/loop-detection.ts', contains: '/\\b(that|it|this) (worked|works', why: REGEX },
  { file: 'understanding/signal-patterns.ts', contains: '/\\b(switch|switching|move', why: REGEX },
  { file: 'understanding/signal-patterns.ts', contains: '/\\b(someone|somebody|stranger', why: REGEX },
  { file: 'understanding/signal-patterns.ts', contains: '/\\b(talk|speak|chat) (to|with)', why: REGEX },
  { file: 'understanding/signal-patterns.ts', contains: '/\\b(need|want|get|give|connect', why: REGEX },
];

/** 1-based numbers of the lines of `text` longer than `max` characters (code points, as an editor counts). */
function longLines(text: string, max = MAX): number[] {
  return text.split('\n').flatMap((line, i) => ([...line.replace(/\r$/, '')].length > max ? [i + 1] : []));
}

function allowed(file: string, line: string): boolean {
  return ALLOWED.some((a) => a.file === file && line.includes(a.contains));
}

describe('line length', () => {
  it(`keeps every source line within ${MAX} characters`, () => {
    const over: string[] = [];
    for (const file of SOURCE_FOLDERS.flatMap((f) => sourceFiles(root, f))) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      for (const n of longLines(lines.join('\n'))) {
        if (!allowed(file, lines[n - 1]!)) over.push(`${file}:${n} (${[...lines[n - 1]!].length})`);
      }
    }
    expect(over, 'lines over 120 characters: run `npx biome format --write .`, then rewrap what is left').toEqual([]);
  });

  it('counts characters, not bytes, and names the long line', () => {
    expect(longLines(`${'é'.repeat(MAX)}\n${'x'.repeat(MAX + 1)}\nshort`)).toEqual([2]);
  });

  it('lists only allowed lines that still exist', () => {
    const stale = ALLOWED.filter((a) => {
      const text = readFileSync(join(root, a.file), 'utf8');
      return !text.split('\n').some((line) => [...line].length > MAX && line.includes(a.contains));
    });
    expect(stale.map((a) => `${a.file}: ${a.contains}`)).toEqual([]);
  });
});
