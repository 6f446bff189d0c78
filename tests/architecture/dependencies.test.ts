import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles } from './import-cycles.js';
import { SOURCE_FOLDERS, readImportGraph } from './import-graph.js';
import { checkImportRules, type ImportRule } from './import-rules.js';

/** Floors, not a web: libraries never point up at the server, the front ends share only the protocol. */
const RULES: readonly ImportRule[] = [
  { folder: 'base', mayImport: [], why: 'base/ is the bottom floor: it imports nothing of the project' },
  {
    folder: 'protocol',
    mayImport: [],
    packages: ['zod'],
    why: 'protocol/ is shared with the browser bundles: zod and itself only',
  },
  {
    folder: 'text',
    mayImport: [],
    why:
      'text/ is the shared text toolkit retrieval and intents both stand on: ' +
      'it imports packages only, nothing of the project',
  },
  ...['knowledge', 'understanding'].map((folder) => ({
    folder,
    forbidden: ['server', 'widget', 'console', 'tests', 'bench'],
    why:
      `${folder}/ is a library the server uses: it never imports server/, ` +
      `widget/, console/ (nor tests or benchmarks)`,
  })),
  ...['widget', 'console'].map((folder) => ({
    folder,
    mayImport: ['protocol'],
    why: `${folder}/ is a browser app: it talks to the server over the protocol and imports only protocol/ and itself`,
  })),
];

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the project import graph', () => {
  const graph = readImportGraph(root, SOURCE_FOLDERS);

  it('is read whole (every folder, the composition root with its imports)', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get('server/main.ts')?.files.length).toBeGreaterThan(0);
    expect(graph.get('understanding/social-message.ts')?.files).toContain('text/tokenize.ts');
  });

  it('keeps every folder to its floor', () => {
    expect(checkImportRules(graph, RULES)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((cycle) => `import cycle: ${cycle.join(' -> ')}`)).toEqual([]);
  });
}, 60_000);

describe('the checker', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'firstline-imports-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(fixture, file)), { recursive: true });
    writeFileSync(join(fixture, file), text);
  };
  write('server/s.ts', 'export const s = 1;\nexport type S = number;\n');
  write('server/cycle-a.ts', "import { b } from './cycle-b.js';\nexport const a = () => b;\n");
  write('server/cycle-b.ts', "import { c } from './cycle-c.js';\nexport const b = () => c;\n");
  write('server/cycle-c.ts', "export { a as c } from './cycle-a.js';\n");
  write('base/db.ts', "import type { s } from '../server/s.js';\nexport type Db = typeof s;\n");
  write(
    'protocol/p.ts',
    "import { z } from 'zod';\nimport { readFileSync } from 'node:fs';\nexport const p = z.string();\n",
  );
  write(
    'text/t.ts',
    "import type { Language } from '../protocol/p.js';\nimport { stemmer " +
      "} from '@orama/stemmers/german';\nexport const t = stemmer;\n",
  );
  write('knowledge/k.ts', "export const k = 1;\nexport type S = import('../server/s.js').S;\n");
  write('understanding/u.ts', "export const load = () => import('../server/s.js');\n");
  write(
    'widget/w.tsx',
    "import { k } from '../knowledge/k.js';\nimport { p } from '../protocol/p.js';\nexport const w = [k, p];\n",
  );
  write('console/index.ts', "export * from '../server/s.js';\n");
  const graph = readImportGraph(fixture, SOURCE_FOLDERS);

  it('names every import that breaks a rule, type-only, dynamic and re-exports included', () => {
    expect(checkImportRules(graph, RULES)).toEqual([
      'base/db.ts imports server/s.ts: base/ is the bottom floor: it imports nothing of the project',
      'console/index.ts imports server/s.ts: console/ is a browser app: ' +
        'it talks to the server over the protocol and imports only protocol/ and itself',
      'knowledge/k.ts imports server/s.ts: knowledge/ is a library the server uses: ' +
        'it never imports server/, widget/, console/ (nor tests or benchmarks)',
      "protocol/p.ts imports package 'node:fs': protocol/ is shared with the browser bundles: zod and itself only",
      'text/t.ts imports protocol/p.ts: text/ is the shared text toolkit retrieval and intents both stand on: ' +
        'it imports packages only, nothing of the project',
      'understanding/u.ts imports server/s.ts: understanding/ is a library the server uses: ' +
        'it never imports server/, widget/, console/ (nor tests or benchmarks)',
      'widget/w.tsx imports knowledge/k.ts: widget/ is a browser app: ' +
        'it talks to the server over the protocol and imports only protocol/ and itself',
    ]);
  });

  it('reports a cycle as the path that closes it', () => {
    expect(findCycles(graph)).toEqual([
      ['server/cycle-a.ts', 'server/cycle-b.ts', 'server/cycle-c.ts', 'server/cycle-a.ts'],
    ]);
  });

  it('finds a file that imports itself and accepts a graph without cycles', () => {
    const self = new Map([['a.ts', { files: ['a.ts'], packages: [] }]]);
    expect(findCycles(self)).toEqual([['a.ts', 'a.ts']]);
    const chain = new Map([
      ['a.ts', { files: ['b.ts'], packages: [] }],
      ['b.ts', { files: [], packages: [] }],
    ]);
    expect(findCycles(chain)).toEqual([]);
  });

  it('refuses a relative import it cannot resolve rather than missing the edge', () => {
    write('server/broken.ts', "import { x } from './missing.js';\n");
    expect(() => readImportGraph(fixture, ['server'])).toThrow(
      "server/broken.ts: cannot resolve import './missing.js'",
    );
  });
});
