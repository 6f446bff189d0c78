import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importFolder } from '../../knowledge/import-folder.js';
import { FrontMatterError, parseFrontMatter } from '../../knowledge/front-matter.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { InvalidArticleError } from '../../knowledge/knowledge-errors.js';
import { loadFolder } from '../../knowledge/load-folder.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { parseArticleFile } from '../../knowledge/parse-file.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';

const g = globalThis as { __frontMatterRan?: unknown };

/** Front matter that, if evaluated, sets a global and writes `marker`. */
export function hostileFrontMatter(marker: string, fence = '---js'): string {
  const code = `globalThis.__frontMatterRan = true, require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
  return `${fence}\n{ title: (${code}, 'Owned') }\n---\n\nA perfectly normal article body about refunds.\n`;
}

describe('front matter is YAML only, never code', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fm-safety-'));
  });
  afterEach(() => {
    delete g.__frontMatterRan;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['---js', '---javascript', '---JS', '--- js ', '---coffee', '---json', '---toml'])(
    'refuses %j front matter without running it',
    (fence) => {
      const marker = path.join(dir, `marker-${fence.replace(/\W/g, '')}`);
      const err = (() => {
        try {
          parseFrontMatter(hostileFrontMatter(marker, fence), 'evil.md');
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(FrontMatterError);
      expect((err as Error).message).toMatch(/evil\.md: .*only YAML front matter/);
      expect(existsSync(marker)).toBe(false);
      expect(g.__frontMatterRan).toBeUndefined();
    },
  );

  it("does not run js-yaml's JavaScript tags (!!js/function, !!js/regexp, !!js/undefined)", () => {
    for (const tag of [
      '!!js/function "function () { globalThis.__frontMatterRan = true; return 1 }"',
      '!!js/regexp /x/',
      '!!js/undefined ""',
    ]) {
      expect(() => parseFrontMatter(`---\ntitle: ${tag}\n---\nbody`, 'tagged.md')).toThrow(FrontMatterError);
    }
    expect(g.__frontMatterRan).toBeUndefined();
  });

  it('still reads plain and explicitly marked YAML', () => {
    for (const fence of ['---', '---yaml', '---yml']) {
      expect(parseFrontMatter(`${fence}\ntitle: Refunds\ntags: [billing]\n---\nbody`).data).toMatchObject({
        title: 'Refunds',
        tags: ['billing'],
      });
    }
  });

  it('front-matter.ts is the only module that calls gray-matter', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const users: string[] = [];
    for (const top of ['knowledge', 'server', 'bench', 'protocol']) {
      for (const file of await readdir(path.join(root, top), { recursive: true })) {
        if (!/\.(ts|tsx|js|mjs)$/.test(file)) continue;
        if (
          /from ['"]gray-matter['"]|require\(['"]gray-matter/.test(await readFile(path.join(root, top, file), 'utf8'))
        )
          users.push(`${top}/${file}`);
      }
    }
    expect(users).toEqual(['knowledge/front-matter.ts']);
  });

  it('refuses a hostile file when uploaded (parseArticleFile) and when loading a folder', async () => {
    const marker = path.join(dir, 'marker-upload');
    const err = await parseArticleFile('evil.md', new TextEncoder().encode(hostileFrontMatter(marker))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidArticleError);
    expect((err as Error).message).toMatch(/only YAML front matter/);

    const folder = await mkdtemp(path.join(dir, 'folder-'));
    await writeFile(path.join(folder, 'evil.md'), hostileFrontMatter(path.join(dir, 'marker-folder')));
    await expect(loadFolder(folder)).rejects.toThrow(/evil\.md: .*only YAML front matter/);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(dir, 'marker-folder'))).toBe(false);
    expect(g.__frontMatterRan).toBeUndefined();
  });
});

describe(`kb import refuses code front matter for that file only (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  let dir: string;
  const quiet = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
    isTTY: false,
  }) as unknown as NodeJS.WriteStream;

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    dir = await mkdtemp(path.join(os.tmpdir(), 'fm-import-'));
  });
  afterAll(async () => {
    await t?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the good file, fails the hostile one with a reason, and never runs it', async () => {
    const marker = path.join(os.tmpdir(), `fm-import-marker-${process.pid}`);
    const docs = await mkdtemp(path.join(dir, 'docs-'));
    await writeFile(path.join(docs, 'evil.md'), hostileFrontMatter(marker));
    await writeFile(path.join(docs, 'good.md'), '---\ntitle: Refund policy\n---\nRefunds within 30 days of purchase.');
    const summary = await importFolder(kb, docs, quiet);
    expect(summary.added).toBe(1);
    expect(summary.failed).toEqual([{ file: 'evil.md', reason: expect.stringMatching(/only YAML front matter/) }]);
    expect(existsSync(marker)).toBe(false);
    expect(g.__frontMatterRan).toBeUndefined();
  });
});
