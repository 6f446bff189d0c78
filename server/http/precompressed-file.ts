import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';

/** Encodings the build writes next to each widget file (`name.br`, `name.gz`), best first. */
const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

export interface PrecompressedOptions {
  contentType: string;
  cacheControl: string;
  /** Extra headers on every answer (200 and 304), e.g. CORS for a module imported cross-origin. */
  headers?: Record<string, string>;
}

/** The encodings a request accepts with q > 0 (`br;q=0` refuses brotli). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token);
  }
  return accepted;
}

/** `If-None-Match` lists entity tags (possibly weak, possibly `*`); any of ours for the same bytes matches. */
function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t.replace(/^"|"$/g, '').split('-')[0] === hash;
  });
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Answers with a file the way a CDN would: the build's brotli or gzip copy when the browser takes
 * it (`Vary: Accept-Encoding` so caches keep them apart), an `ETag` from the content and a `304`
 * for a matching `If-None-Match`. Returns null when the file does not exist.
 */
export async function sendPrecompressed(
  c: Context,
  file: string,
  opts: PrecompressedOptions,
): Promise<Response | null> {
  const raw = await readOptional(file);
  if (!raw) return null;
  const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  let body: Buffer = raw;
  let encoding: (typeof ENCODINGS)[number] | null = null;
  for (const candidate of ENCODINGS) {
    if (!accepted.has(candidate.token)) continue;
    const copy = await readOptional(file + candidate.suffix);
    if (copy) {
      body = copy;
      encoding = candidate;
      break;
    }
  }
  // One tag per representation (the bytes differ), all sharing the content hash.
  const headers: Record<string, string> = {
    ...opts.headers,
    'cache-control': opts.cacheControl,
    etag: `"${hash}${encoding ? `-${encoding.token}` : ''}"`,
    vary: 'Accept-Encoding',
  };
  if (matches(c.req.header('if-none-match'), hash)) return c.body(null, 304, headers);
  headers['content-type'] = opts.contentType;
  if (encoding) headers['content-encoding'] = encoding.token;
  return c.body(new Uint8Array(body), 200, headers);
}
