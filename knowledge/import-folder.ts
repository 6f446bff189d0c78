/**
 * Ingests every supported file under a folder (Markdown with front-matter, HTML, text, PDF) into a
 * knowledge base, with a progress bar. Re-importing updates changed files and skips the rest.
 * The `npm run kb` command (server/cli/kb.ts) calls it with the configured knowledge base.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../base/errors.js';
import { parseArticleFile, SUPPORTED_EXTENSIONS } from './parse-file.js';
import { createProgressBar } from './progress-bar.js';
import type { FirstlineKnowledgeBase } from './knowledge-base.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  failed: Array<{ file: string; reason: string }>;
}

/** Walks `dir` and ingests each supported file; one file's failure never stops the others. */
export async function importFolder(
  kb: FirstlineKnowledgeBase,
  dir: string,
  out: NodeJS.WriteStream = process.stderr,
): Promise<ImportSummary> {
  const files = await walk(dir);
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, failed: [] };
  const bar = createProgressBar(files.length, out);
  for (let i = 0; i < files.length; i++) {
    const rel = path.relative(dir, files[i]!).split(path.sep).join('/');
    bar.update(i, rel);
    try {
      const size = (await stat(files[i]!)).size;
      if (size > MAX_FILE_BYTES)
        throw new AppError(413, 'file_too_large', `${rel}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
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
    else if (
      entry.isFile() &&
      (SUPPORTED_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).toLowerCase())
    )
      out.push(full);
  }
  return out.sort();
}
