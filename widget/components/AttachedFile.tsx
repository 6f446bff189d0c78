import { useEffect, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../protocol/attachments.js';
import { t } from '../text.js';

/** An attached file in the transcript: a screenshot as a thumbnail (from a blob: URL), other files by name. */
export function AttachedFile({ file, load }: { file: AttachmentRef; load: (id: string) => Promise<Blob> }) {
  const [url, setUrl] = useState('');
  const image = file.contentType.startsWith('image/');
  useEffect(() => {
    if (!image) return;
    let live = true;
    let made = '';
    // A file that cannot be fetched (offline) keeps showing its name instead of the thumbnail.
    load(file.id).then(
      (b) => live && setUrl((made = URL.createObjectURL(b))),
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file.id]);
  return url ? (
    <img class="fl-thumb" src={url} alt={t('attached', { name: file.name })} onError={() => setUrl('')} />
  ) : (
    <span class="fl-file">{file.name}</span>
  );
}
