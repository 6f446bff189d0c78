// Upload Markdown, HTML, text or PDF files; shows the upload's progress and one result per file.
import { useRef } from 'preact/hooks';
import type { UploadFileResult } from '../api/types.js';
import { Alert } from './Alert.js';

interface Props {
  uploading: boolean;
  /** 0-1. */
  progress: number;
  results: UploadFileResult[] | null;
  error: string | null;
  onUpload: (files: File[]) => void;
}

const STATUS_TEXT: Record<UploadFileResult['status'], string> = {
  added: 'Added',
  updated: 'Updated',
  unchanged: 'Unchanged',
  failed: 'Failed',
};

export function UploadPanel({ uploading, progress, results, error, onUpload }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const pct = Math.round(progress * 100);
  return (
    <section class="card" aria-labelledby="upload-title">
      <h2 id="upload-title" class="card-title">
        Upload files
      </h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          const files = Array.from(input.current?.files ?? []);
          if (files.length) onUpload(files);
        }}
      >
        <label class="field">
          <span class="field-label">Files (.md with front-matter, .html, .txt, .pdf; up to 10 MB each)</span>
          <input ref={input} type="file" multiple accept=".md,.markdown,.html,.htm,.txt,.pdf" disabled={uploading} />
        </label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={uploading} aria-busy={uploading}>
            {uploading ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </form>
      {uploading && (
        <div class="upload-progress">
          <progress max={100} value={pct} aria-label="Upload progress" />
          <span class="mono small">{pct < 100 ? `${pct}%` : 'Indexing…'}</span>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {results && (
        <ul class="upload-results" aria-live="polite" data-testid="upload-results">
          {results.map((r) => (
            <li key={r.name}>
              <span class={`chip chip-${r.status === 'failed' ? 'warn' : 'ok'}`}>{STATUS_TEXT[r.status]}</span>{' '}
              <strong>{r.name}</strong>
              {r.status === 'failed' ? (
                <span class="muted"> {r.error?.message}</span>
              ) : (
                <span class="muted">
                  {' '}
                  {r.title} · {r.chunks} chunks
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
