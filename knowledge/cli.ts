/**
 * `npm run kb -- import <dir>`: ingests every supported file under a folder (Markdown with
 * front-matter, HTML, text, PDF) into the configured database (`DATABASE_URL`, else the
 * `DATA_DIR` PGlite), with a progress bar. Re-importing updates changed files and skips the rest.
 * `npm run kb -- reindex`: re-embeds every article with the configured embedder.
 * Exits 1 when any file failed, 2 on bad usage.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import { openDb } from '../server/db/open-db.js';
import { migrate } from '../server/db/migrate.js';
import { createLogger } from '../server/logger.js';
import { openKnowledgeBase } from '../server/bootstrap/knowledge-base.js';
import { AppError } from '../base/errors.js';
import { parseArticleFile, SUPPORTED_EXTENSIONS } from './parse-file.js';
import { createProgressBar, type ProgressBar } from './progress-bar.js';
import type { FirstlineKnowledgeBase } from './knowledge-base.js';

const USAGE = `usage:
  npm run kb -- import <dir>   ingest ${SUPPORTED_EXTENSIONS.join(' ')} files under <dir> (recursive)
  npm run kb -- reindex        re-embed every article with the configured embedder`;

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: Array<{ file: string; reason: string }>;
}

/** Walks `dir` and ingests each supported file; one file's failure never stops the others. */
export async function importFolder(kb: FirstlineKnowledgeBase, dir: string, out: NodeJS.WriteStream = process.stderr): Promise<ImportSummary> {
  const files = await walk(dir);
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
  const bar = createProgressBar(files.length, out);
  for (let i = 0; i < files.length; i++) {
    const rel = path.relative(dir, files[i]!).split(path.sep).join('/');
    bar.update(i, rel);
    try {
      const size = (await stat(files[i]!)).size;
      if (size > MAX_FILE_BYTES) throw new AppError(413, 'file_too_large', `${rel}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
      const article = await parseArticleFile(rel, await readFile(files[i]!), rel);
      const res = await kb.addArticle(article);
      if (!res.changed) summary.unchanged++;
      else if (res.created) summary.added++;
      else summary.updated++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      summary.failed.push({ file: rel, reason: err.message });
      bar.note(`failed: ${err.message}`);
    }
  }
  bar.update(files.length, 'done');
  bar.done();
  return summary;
}

/** Supported files under `dir`, sorted, skipping dot-folders and node_modules. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out.sort();
}

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  if (command !== 'import' && command !== 'reindex') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'import' && !arg) {
    process.stderr.write(`kb import: which folder?\n${USAGE}\n`);
    return 2;
  }
  if (command === 'import' && !(await stat(arg!).then((s) => s.isDirectory(), () => false))) {
    process.stderr.write(`kb import: ${arg} is not a folder\n`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openDb(config);
  try {
    await migrate(db);
    const kb = await openKnowledgeBase({ ...config, seedDemo: false }, db, log);
    process.stdout.write(`knowledge base: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}, embedder ${kb.model}\n`);
    if (command === 'reindex') {
      const progress: { bar?: ProgressBar } = {};
      const res = await kb.reindex({
        onProgress: (done, total) => {
          progress.bar ??= createProgressBar(total);
          progress.bar.update(done, 'articles');
        },
      });
      progress.bar?.done();
      process.stdout.write(`re-indexed ${res.articles} articles into ${res.chunks} chunks\n`);
      return 0;
    }
    const s = await importFolder(kb, path.resolve(arg!));
    process.stdout.write(`added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed.length}\n`);
    for (const f of s.failed) process.stdout.write(`  ${f.reason}\n`);
    return s.failed.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

// Run only as a script, so tests can import `importFolder`.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`kb failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
