// A visitor's files on one message: screenshots as previews, PDFs as downloads. The files are
// fetched with the agent's token (never a token in a URL) and shown through blob: URLs.
import { useEffect, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../protocol/attachments.js';
import { formatBytes } from '../lib/format.js';

interface Props {
  attachments: readonly AttachmentRef[];
  load: (attachmentId: string) => Promise<Blob>;
}

export function Attachments({ attachments, load }: Props) {
  return (
    <ul class="attachments" aria-label="Attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          {a.contentType.startsWith('image/') ? (
            <ImagePreview file={a} load={load} />
          ) : (
            <FileDownload file={a} load={load} />
          )}
        </li>
      ))}
    </ul>
  );
}

function ImagePreview({ file, load }: { file: AttachmentRef; load: Props['load'] }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    load(file.id).then(
      (blob) => {
        if (!alive) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => alive && setError(true),
    );
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file.id]);
  const label =
    `${file.name} ` + `(${formatBytes(file.size)}${file.width && file.height ? `, ${file.width}×${file.height}` : ''})`;
  if (error) return <span class="attachment-file muted">{label}: could not be loaded</span>;
  return (
    <figure class="attachment-image" data-testid="attachment-image">
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer" title={`Open ${file.name} full size`}>
          <img src={url} alt={`Screenshot from the visitor: ${file.name}`} width={file.width} height={file.height} />
        </a>
      ) : (
        <span class="attachment-placeholder muted">Loading {file.name}…</span>
      )}
      <figcaption class="muted small">{label}</figcaption>
    </figure>
  );
}

function FileDownload({ file, load }: { file: AttachmentRef; load: Props['load'] }) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const save = async () => {
    setState('loading');
    try {
      const url = URL.createObjectURL(await load(file.id));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      class="attachment-file btn btn-small"
      data-testid="attachment-file"
      disabled={state === 'loading'}
      onClick={() => void save()}
    >
      Download {file.name} ({formatBytes(file.size)}){state === 'failed' ? ' — failed, try again' : ''}
    </button>
  );
}
