// Multipart upload through XMLHttpRequest, the one browser API that reports upload progress.
import { ApiError } from './api-error.js';
import type { UploadFileResult } from './types.js';

export function uploadFiles(opts: {
  baseUrl: string;
  token: string | null;
  files: readonly File[];
  onProgress?: (sent: number, total: number) => void;
  timeoutMs?: number;
}): Promise<{ results: UploadFileResult[] }> {
  const form = new FormData();
  for (const f of opts.files) form.append('files', f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${opts.baseUrl}/api/knowledge/upload`);
    if (opts.token) xhr.setRequestHeader('Authorization', `Bearer ${opts.token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.timeout = opts.timeoutMs ?? 5 * 60_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', "Can't reach the server. Check your connection."));
    xhr.ontimeout = () => reject(new ApiError(0, 'timeout', 'The upload took too long.'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data && Array.isArray((data as { results?: unknown }).results)) {
        resolve(data as { results: UploadFileResult[] });
        return;
      }
      const e = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message ?? `Upload failed (${xhr.status}).`));
    };
    xhr.send(form);
  });
}
