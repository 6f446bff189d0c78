import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer } from '../../server/bundle-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the compiled server (npm run build)', () => {
  mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  const outdir = mkdtempSync(path.join(ROOT, 'dist', '.server-bundle-test-'));
  let main = '';
  let files: string[] = [];
  beforeAll(async () => {
    files = await bundleServer(outdir);
    main = readFileSync(path.join(outdir, 'main.js'), 'utf8');
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is the server and its database worker, with packages left to node_modules', () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['main.js', 'pglite-worker.js']);
    expect(main).toMatch(/from "hono"/);
    expect(main).not.toMatch(/node_modules\/hono/);
  });

  it('starts the compiled database worker, not its TypeScript source through tsx', () => {
    expect(main).toContain('new URL("./pglite-worker.js", import.meta.url)');
    expect(main).not.toMatch(/pglite-worker\.ts/);
  });

  it('finds the files beside each module where the sources are (migrations, intents, demo articles)', () => {
    for (const source of ['server/db/migrate.ts', 'understanding/default-intents.ts', 'knowledge/demo-kb.ts'])
      expect(main).toContain(JSON.stringify(pathToFileURL(path.join(ROOT, source)).href));
    // The worker URL is the only import.meta.url left: it is where the bundle runs.
    expect(main.match(/import\.meta\.url/g)).toHaveLength(1);
  });
});
