import path from 'node:path';
import type { Context } from 'hono';
import { parseArticleFile } from '../../knowledge/parse-file.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { AppError } from '../errors.js';
import type { UploadFileResult } from '../../protocol/responses/knowledge.js';

export const UPLOAD_LIMITS = {
  /** Whole multipart request. */
  requestBytes: 25 * 1024 * 1024,
  fileBytes: 10 * 1024 * 1024,
  files: 50,
};

export type { UploadFileResult };

/**
 * `POST /api/knowledge/upload`: multipart form with one or many files (any field name).
 * Each file is parsed and ingested on its own, in its own transaction: a bad file fails alone
 * with a reason and leaves nothing behind; the others are ingested. Re-uploading a file with
 * the same name (or imported by `npm run kb -- import` under that name) updates its article; unchanged content does no
 * work.
 */
export async function handleUpload(c: Context, kb: KnowledgeBase): Promise<{ results: UploadFileResult[] }> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the files as multipart/form-data (one or many "files" fields).',
    );
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > UPLOAD_LIMITS.requestBytes) throw tooLarge();
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError(
      400,
      'invalid_multipart',
      'The multipart body could not be read; send a multipart/form-data request with files.',
    );
  }
  const files = Object.values(form)
    .flat()
    .filter((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v);
  if (files.length === 0)
    throw new AppError(400, 'no_files', 'No files in the request; attach one or more files in a "files" field.');
  if (files.length > UPLOAD_LIMITS.files) {
    throw new AppError(413, 'too_many_files', `At most ${UPLOAD_LIMITS.files} files per upload; split the upload.`);
  }
  if (files.reduce((s, f) => s + f.size, 0) > UPLOAD_LIMITS.requestBytes) throw tooLarge();

  const results: UploadFileResult[] = [];
  for (const file of files) {
    const name = path.basename(file.name || 'unnamed').slice(0, 200);
    try {
      if (file.size > UPLOAD_LIMITS.fileBytes) {
        throw new AppError(
          413,
          'file_too_large',
          `${name}: ${mb(file.size)} MB is over the ${mb(UPLOAD_LIMITS.fileBytes)} MB per-file limit.`,
        );
      }
      const article = await parseArticleFile(name, new Uint8Array(await file.arrayBuffer()), name);
      const res = await kb.addArticle(article);
      results.push({
        name,
        status: !res.changed ? 'unchanged' : res.created ? 'added' : 'updated',
        id: res.id,
        title: article.title,
        chunks: res.chunks,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ name, status: 'failed', error: { code: err.code, message: err.message } });
    }
  }
  return { results };
}

function tooLarge(): AppError {
  return new AppError(
    413,
    'payload_too_large',
    `Uploads are limited to ${mb(UPLOAD_LIMITS.requestBytes)} MB ` +
      `per request and ${mb(UPLOAD_LIMITS.fileBytes)} MB per file.`,
  );
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
