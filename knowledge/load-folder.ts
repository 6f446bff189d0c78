import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFrontMatter } from './front-matter.js';
import type { ArticleInput } from './types.js';

/**
 * Reads every `.md` file of a folder (not recursive), sorted by name, into article inputs.
 * The title comes from front-matter, else the first `# ` heading, else the file name.
 * `source` is the file name, which makes re-ingesting a folder update rather than duplicate.
 */
export async function loadFolder(dir: string): Promise<ArticleInput[]> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.md')).sort();
  const out: ArticleInput[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const { data, content } = parseFrontMatter(text, file);
    const title = data.title ?? /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? path.basename(file, path.extname(file));
    out.push({
      title,
      body: content.trim(),
      format: 'markdown',
      url: data.url ?? null,
      pages: data.pages,
      tags: data.tags,
      source: file,
      ...(data.lang ? { lang: data.lang } : {}),
    });
  }
  return out;
}
