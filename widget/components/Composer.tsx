import type { RefObject, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../protocol/attachments.js';
import { t } from '../text.js';
import { LIMITS } from '../../protocol/limits.js';

export interface ComposerProps {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend: (text: string, files: AttachmentRef[]) => boolean;
  /** Uploads one file; rejects with a reason the visitor can act on. */
  onUpload?: (file: File) => Promise<AttachmentRef>;
}

const MAX_INPUT_HEIGHT = 120;

/**
 * Textarea + attach + send. Enter sends, Shift+Enter adds a line; IME composition is left alone.
 * maxLength keeps the text within what the server accepts. Files (the attach button, or a
 * screenshot pasted into the field) upload at once and go with the next message.
 */
export function Composer({ inputRef, onSend, onUpload }: ComposerProps) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [note, setNote] = useState('');
  const picker = useRef<HTMLInputElement>(null);

  const resize = (el: HTMLTextAreaElement) => {
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  };

  const attach = async (list: ArrayLike<File> | null) => {
    for (const f of Array.from(list ?? [])) {
      setNote(`Uploading ${f.name}…`);
      try {
        const ref = await onUpload!(f);
        setFiles((all) => [...all, ref]);
        setNote('');
      } catch (err) {
        setNote((err as Error).message);
      }
    }
  };

  const submit = () => {
    if ((!text.trim() && !files.length) || !onSend(text, files)) return;
    setText('');
    setFiles([]);
    setNote('');
    const el = inputRef.current;
    if (el) {
      el.value = '';
      resize(el);
      el.focus();
    }
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      class="fl-composer"
      onSubmit={(e: TargetedEvent<HTMLFormElement>) => {
        e.preventDefault();
        submit();
      }}
    >
      {(files.length > 0 || note) && (
        <div class="fl-files" role="status">
          {files.map((f) => (
            <span key={f.id} class="fl-chip">
              {f.name}{' '}
              <button
                type="button"
                class="fl-link-btn"
                aria-label={`Remove ${f.name}`}
                onClick={() => setFiles(files.filter((x) => x !== f))}
              >
                ×
              </button>
            </span>
          ))}
          {note && <div>{note}</div>}
        </div>
      )}
      {onUpload && (
        <>
          <input
            ref={picker}
            type="file"
            hidden
            multiple
            accept="image/*,application/pdf"
            onChange={(e) => void attach(e.currentTarget.files).then(() => (picker.current!.value = ''))}
          />
          <button type="button" class="fl-icon-btn" aria-label={t('attach')} onClick={() => picker.current?.click()}>
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              width="20"
              height="20"
              focusable="false"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
            >
              <path d="M16 8v8a4 4 0 0 1-8 0V6a2.5 2.5 0 0 1 5 0v9a1 1 0 0 1-2 0V8" />
            </svg>
          </button>
        </>
      )}
      <textarea
        ref={inputRef}
        class="fl-input"
        aria-label={t('msg')}
        placeholder={t('input')}
        rows={1}
        maxLength={LIMITS.messageText}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          resize(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          // A pasted screenshot becomes an attachment; pasted text stays text.
          const pasted = e.clipboardData?.files;
          if (onUpload && pasted?.length) {
            e.preventDefault();
            void attach(pasted);
          }
        }}
      />
      <button type="submit" class="fl-send" aria-label={t('send')} disabled={!text.trim() && !files.length}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
    </form>
  );
}
