import { createHash } from 'node:crypto';
import type { ArticleInput } from './types.js';

/** sha256 over everything that changes chunks or retrieval; equal hash means re-ingest can be skipped. */
export function contentHash(input: ArticleInput): string {
  const canonical = JSON.stringify([
    input.title,
    input.body,
    input.format,
    input.pages ?? [],
    input.tags ?? [],
    input.url ?? null,
    // English (the default) adds nothing, so hashes from before articles had a language still match.
    ...(input.lang && input.lang !== 'en' ? [input.lang] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
