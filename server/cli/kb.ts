/**
 * `npm run kb -- import <dir>`: ingests every supported file under a folder (Markdown with
 * front-matter, HTML, text, PDF) into the configured database (`DATABASE_URL`, else the
 * `DATA_DIR` PGlite), with a progress bar. Re-importing updates changed files and skips the rest.
 * `npm run kb -- reindex`: re-embeds every article with the configured embedder.
 * Exits 1 when any file failed, 2 on bad usage.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDb } from '../db/open-db.js';
import { migrate } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { openKnowledgeBase } from '../bootstrap/knowledge-base.js';
import { SUPPORTED_EXTENSIONS } from '../../knowledge/parse-file.js';
import { createProgressBar, type ProgressBar } from '../../knowledge/progress-bar.js';
import { importFolder } from '../../knowledge/import-folder.js';

const USAGE = `usage:
  npm run kb -- import <dir>   ingest ${SUPPORTED_EXTENSIONS.join(' ')} files under <dir> (recursive)
  npm run kb -- reindex        re-embed every article with the configured embedder`;

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
  if (
    command === 'import' &&
    !(await stat(arg!).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    process.stderr.write(`kb import: ${arg} is not a folder\n`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await openDb(config, { log });
  try {
    await migrate(db);
    const kb = await openKnowledgeBase({ ...config, seedDemo: false }, db, log);
    process.stdout.write(
      `knowledge base: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}, ` +
        `embedder ${kb.model}\n`,
    );
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
    process.stdout.write(
      `added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, failed ${s.failed.length}\n`,
    );
    for (const f of s.failed) process.stdout.write(`  ${f.reason}\n`);
    return s.failed.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

// Run only as a script (importing this file must not start it).
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`kb failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
