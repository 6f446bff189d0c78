// The widget's budget, checked on a real production build: the loader a host page embeds stays
// within 5 kB and the chat chunk within 30 kB (gzip and brotli, limits in .size-limit.json), the
// loader is a classic script that imports nothing statically, and the two share no module.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSizeBudget, type SizeCheck } from '../../bench/size-budget.js';
import { productionBuild } from '../helpers/browser.js';
import { splitBundle } from '../../widget/split-bundle-plugin.js';

let tmp: string;
let widgetDir: string;
let checks: SizeCheck[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'firstline-size-'));
  widgetDir = path.join(tmp, 'dist', 'widget');
  // Its own output folder: browser test files build dist/ at the same time.
  await productionBuild('widget/vite.config.ts', widgetDir);
  await copyFile('.size-limit.json', path.join(tmp, '.size-limit.json'));
  checks = await checkSizeBudget(tmp);
}, 120_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('widget size budget', () => {
  it('keeps the loader and the chat chunk within their gzip and brotli limits', () => {
    expect(checks.map((c) => c.name)).toEqual([
      'widget loader /widget.js (gzip)',
      'widget loader /widget.js (brotli)',
      'widget chat chunk (gzip)',
      'widget chat chunk (brotli)',
    ]);
    for (const c of checks) console.log(`${c.name}: ${c.bytes} of ${c.limitBytes} bytes`);
    const over = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.bytes} > ${c.limitBytes} bytes`);
    expect(over).toEqual([]);
    expect(checks.find((c) => c.name.startsWith('widget loader'))!.limitBytes).toBe(5000);
    expect(checks.find((c) => c.name.startsWith('widget chat'))!.limitBytes).toBe(30_000);
  });

  it(
    'builds exactly a loader and one content-hashed chat module, ' +
      'each with gzip and brotli copies, and the API types',
    async () => {
      const files = (await readdir(widgetDir)).sort();
      const chat = files.find((f) => /^chat-[\w-]+\.js$/.test(f))!;
      expect(files).toEqual(
        [
          chat,
          `${chat}.br`,
          `${chat}.gz`,
          'firstline.d.ts',
          'firstline.js',
          'firstline.js.br',
          'firstline.js.gz',
        ].sort(),
      );
      expect(await readFile(path.join(widgetDir, 'firstline.d.ts'), 'utf8')).toContain('shutdown(): void;');
      const loader = await readFile(path.join(widgetDir, 'firstline.js'), 'utf8');
      // A classic script (vm.Script refuses import/export declarations) that finds the chunk next to itself.
      expect(() => new vm.Script(loader)).not.toThrow();
      // V8 compiles it off the main thread while it streams in (the first line must carry the hint).
      expect(loader.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      expect(loader).toContain(`"widget/${chat}"`.replace(/"/g, '`'));
      const chunk = await readFile(path.join(widgetDir, chat), 'utf8');
      expect(chunk).toMatch(/export\s*\{\s*\w+ as createChat\s*\}/);
      // The chat compiles off the main thread while it streams in too (click-to-interactive, issue #13).
      expect(chunk.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
      // Preact lives in the chunk only; socket.io-client too.
      expect(loader).not.toContain('__PREACT_DEVTOOLS__');
      // (The loader knows socket.io's URL, to open the WebSocket early, but none of its client code.)
      expect(loader).not.toMatch(/engine\.io|io client disconnect|transport close|parser error/i);
    },
  );

  it('fails the build when the loader and the chat would share a module', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-split-'));
    try {
      await writeFile(path.join(dir, 'shared.ts'), 'export const shared = () => "both sides";\n');
      await writeFile(
        path.join(dir, 'loader.ts'),
        'import { shared } from "./shared.ts";\nconsole.log(shared(), "__CHAT__");\n',
      );
      await writeFile(
        path.join(dir, 'chat.ts'),
        'import { shared } from "./shared.ts";\nexport const createChat = () => shared();\n',
      );
      await mkdir(path.join(dir, 'out'));
      const run = build({
        configFile: false,
        logLevel: 'silent',
        plugins: [splitBundle({ loader: 'loader', chat: 'chat', placeholder: '__CHAT__', chatPrefix: 'widget/' })],
        build: {
          outDir: path.join(dir, 'out'),
          write: false,
          rollupOptions: {
            input: { loader: path.join(dir, 'loader.ts'), chat: path.join(dir, 'chat.ts') },
            preserveEntrySignatures: 'strict',
          },
        },
      });
      await expect(run).rejects.toThrow(/share no module/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
