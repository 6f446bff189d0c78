import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One entry of `.size-limit.json` (the subset we use). */
interface SizeLimitEntry {
  name: string;
  path: string;
  limit: string;
  gzip?: boolean;
  brotli?: boolean;
}

export interface SizeCheck {
  name: string;
  files: string[];
  compression: 'gzip' | 'brotli';
  bytes: number;
  limitBytes: number;
  ok: boolean;
}

/** size-limit's units: kB = 1000 bytes, KiB = 1024. */
function parseLimit(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|m)?(i)?b$/i.exec(limit.trim());
  if (!m) throw new Error(`unreadable size limit "${limit}" in .size-limit.json (use e.g. "5 kB")`);
  const power = m[2] ? (m[2].toLowerCase() === 'k' ? 1 : 2) : 0;
  return Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

/** A `dir/name-*.js` pattern (one `*` in the file name) as size-limit would match it. */
async function expand(root: string, pattern: string): Promise<string[]> {
  const dir = path.join(root, path.dirname(pattern));
  const [before, after = ''] = path.basename(pattern).split('*');
  if (!path.basename(pattern).includes('*')) return [path.join(root, pattern)];
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(before!) && n.endsWith(after) && n.length >= before!.length + after.length)
    .map((n) => path.join(dir, n));
}

export const gzipBytes = (b: Buffer): number => gzipSync(b, { level: 9 }).length;
// Quality 11, as size-limit measures brotli.
export const brotliBytes = (b: Buffer): number =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * Checks the budgets in `.size-limit.json` with node:zlib. size-limit itself needs Node 22
 * (`fs.glob`); this reads the same file so the budget has one source on any supported Node.
 */
export async function checkSizeBudget(root: string): Promise<SizeCheck[]> {
  const entries = JSON.parse(await readFile(path.join(root, '.size-limit.json'), 'utf8')) as SizeLimitEntry[];
  const checks: SizeCheck[] = [];
  for (const entry of entries) {
    const files = await expand(root, entry.path);
    if (files.length === 0) throw new Error(`${entry.name}: nothing matches ${entry.path}; run "npm run build" first`);
    const compression = entry.gzip ? 'gzip' : 'brotli';
    let bytes = 0;
    for (const file of files) {
      const body = await readFile(file);
      bytes += compression === 'gzip' ? gzipBytes(body) : brotliBytes(body);
    }
    const limitBytes = parseLimit(entry.limit);
    checks.push({
      name: entry.name,
      files: files.map((f) => path.relative(root, f)),
      compression,
      bytes,
      limitBytes,
      ok: bytes <= limitBytes,
    });
  }
  return checks;
}
